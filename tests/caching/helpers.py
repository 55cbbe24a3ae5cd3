POST_TITLE = "Biden Kicks Xi When He’s Up"
POST_URL = "/post/biden-kicks-xi-when-hes-up/"

# One URL of each kind the reader's site serves.
READER_PAGES = [
    "/",
    "/page/2/",
    "/category/technology/",
    "/category/technology/page/2/",
    POST_URL,
    "/source/kyodo-news/",
    "/search/?q=china",
    "/feed/",
    "/feed/atom/",
    "/category/technology/feed/",
    "/category/technology/feed/atom/",
    "/sitemap.xml",
    "/sitemap-posts.xml",
    "/robots.txt",
]

def send_comment(client, url=POST_URL, **fields):
    data = {"author_name": "Ann Reader", "author_email": "", "body": "A thoughtful comment.", "website": ""}
    return client.post(url, {**data, **fields})
