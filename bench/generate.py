"""Write a synthetic archive as listing files in the seed format.

Half the posts are blog posts in category archives ("Category Archives: NAME",
filed under 1–3 of 60 categories), half are briefings in numbered listing pages
("Briefings - N. page", each citing 1–5 sources from 300 outlets, 150 000
sources in all for 100 000 posts). Bodies have 400–700 words drawn from a
Zipf-like vocabulary, so some words are common and others rare.

    python bench/generate.py OUT_DIR [--posts 100000] [--per-file 10] [--seed 1]
"""

import argparse
import random
from pathlib import Path

COMMON = (
    "the of and to in a is that for on with as by it at from this be are was an has have which or "
    "its their said will not more than but were also been had after other about into over new two "
    "government china beijing united states trade policy economic market companies year officials "
    "minister industry technology security president military chinese foreign investment growth"
).split()
TOPICAL = (
    "semiconductor lithium battery export tariff sanction province ministry council reform yuan "
    "shipping harbour satellite telecom network supply chain factory delegation summit treaty "
    "regulator platform fintech infrastructure railway pipeline drought harvest steel aluminium "
    "copper rare earth vaccine hospital university students censorship surveillance election "
    "parliament coalition embassy consulate ambassador tariffs subsidies inflation deflation bonds "
    "property developers mortgage banks lenders insurers equities currency reserves liquidity"
).split()
MONTHS = "January February March April May June July August September October November December".split()
CATEGORY_NAMES = [
    f"{a} {b}" for a in ("Asia", "Trade", "Tech", "Energy", "Defence", "Finance")
    for b in ("Policy", "Markets", "Security", "Society", "Industry", "Diplomacy", "Law", "Labour", "Health", "Media")
]  # 60 names
OUTLETS = [f"{city} {kind}" for city in (
    "Beijing", "Shanghai", "Hong Kong", "Taipei", "Tokyo", "Seoul", "Singapore", "Sydney", "London", "Paris",
    "Berlin", "Brussels", "Washington", "New York", "Ottawa", "Delhi", "Jakarta", "Manila", "Hanoi", "Bangkok",
    "Moscow", "Dubai", "Nairobi", "Lagos", "Brasilia", "Mexico City", "Madrid", "Rome", "Vienna", "Geneva",
) for kind in ("Daily", "Times", "Post", "Herald", "Review", "Journal", "Observer", "Wire", "Monitor", "News")]


def rare_word(rng):
    return "".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(rng.randint(3, 5)))


class Writer:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.rare = [rare_word(self.rng) for _ in range(20000)]

    def word(self):
        roll = self.rng.random()
        if roll < 0.55:
            return self.rng.choice(COMMON)
        if roll < 0.93:
            return self.rng.choice(TOPICAL)
        return self.rng.choice(self.rare)

    def paragraphs(self):
        total, paragraphs = self.rng.randint(400, 700), []
        while total > 0:
            size = min(total, self.rng.randint(50, 110))
            words = [self.word() for _ in range(size)]
            sentences, start = [], 0
            while start < size:
                end = min(size, start + self.rng.randint(12, 28))
                sentence = " ".join(words[start:end])
                sentences.append(sentence[0].upper() + sentence[1:] + ".")
                start = end
            paragraphs.append(" ".join(sentences))
            total -= size
        return paragraphs

    def title(self, number):
        words = " ".join(self.rng.choice(TOPICAL).capitalize() for _ in range(self.rng.randint(4, 8)))
        return f"{words} {number}"

    def date(self):
        return f"{self.rng.choice(MONTHS)} {self.rng.randint(1, 28)}, {self.rng.randint(2010, 2024)}"

    def blog_post(self, number, heading_category):
        others = self.rng.sample(CATEGORY_NAMES, self.rng.randint(0, 2))
        categories = sorted({heading_category, *others})
        count = self.rng.choice([0, 0, 0, 1, 1, 2, 3, 5, 12])
        comment_line = "Leave a comment" if count == 0 else "1 Comment" if count == 1 else f"{count} Comments"
        return [self.title(number), *self.paragraphs(), comment_line, "Filed under " + ", ".join(categories)]

    def briefing(self, number, sources):
        lines = [self.title(number), *self.paragraphs()]
        cited = [(self.rng.choice(OUTLETS), self.date(), f"https://news.example/{number}/{n}")
                 for n in range(1, sources + 1)]
        if sources == 1:
            outlet, date, url = cited[0]
            lines.append(f"Source: {outlet}, {date}\n{url}")
        else:
            block = ["Sources:"] + [f"{n}. {outlet}, {date}\n{url}" for n, (outlet, date, url) in enumerate(cited, 1)]
            lines.append("\n".join(block))
        return lines


def generate(out, posts=100_000, per_file=10, seed=1):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed)
    rng = writer.rng
    blog_posts, briefings = posts // 2, posts - posts // 2
    source_counts = [3] * briefings  # 150 000 sources for 50 000 briefings: 1–5 around a mean of 3
    for index in range(0, briefings - 1, 2):
        spread = rng.randint(0, 2)
        source_counts[index] -= spread
        source_counts[index + 1] += spread
    number, files = 0, 0
    for start in range(0, blog_posts, per_file):
        category = CATEGORY_NAMES[(start // per_file) % len(CATEGORY_NAMES)]
        posts_here = []
        for _ in range(min(per_file, blog_posts - start)):
            number += 1
            posts_here.append("\n\n".join(writer.blog_post(number, category)))
        files += 1
        (out / f"a{files:06d}.txt").write_text(f"Category Archives: {category}\n\n" + "\n\n".join(posts_here) + "\n")
    page = 0
    for start in range(0, briefings, per_file):
        page += 1
        posts_here = []
        for offset in range(min(per_file, briefings - start)):
            number += 1
            posts_here.append("\n\n".join(writer.briefing(number, source_counts[start + offset])))
        files += 1
        (out / f"b{page:06d}.txt").write_text(f"Skip to content\n\nBriefings - {page}. page\n\n" + "\n\n".join(posts_here) + "\n")
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--per-file", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = generate(args.out, args.posts, args.per_file, args.seed)
    print(f"wrote {files} listing files with {args.posts} posts to {args.out}")


if __name__ == "__main__":
    main()
