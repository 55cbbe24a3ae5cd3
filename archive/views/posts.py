"""What a post's page shows: the post, its sources and comments, its neighbours; and a reader's comment."""

import datetime
import logging

from django.conf import settings
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView
from django_ratelimit.core import is_ratelimited
from modern_csrf.decorators import csrf_protect as cross_origin_protect

from ..models import Comment, Post
from ..web.addresses import ratelimit_key, reader_address
from .comment_form import CommentForm

# The same words on the same post within this time are one comment sent twice.
DUPLICATE_WINDOW = datetime.timedelta(days=1)
# The reader's own comments awaiting moderation are shown to them (their session alone): the newest these many.
OWN_COMMENTS_KEPT = 20
OWN_COMMENTS = "archive.own_comments"
logger = logging.getLogger("archive.security")


# The comment form carries no CSRF token, so that a post page is the same page
# for every reader and is cached like the others: a comment posted from another
# site's page is refused by the browser's Sec-Fetch-Site and Origin headers
# instead (django-modern-csrf). The admin keeps Django's token-based protection.
@method_decorator([csrf_exempt, cross_origin_protect], name="dispatch")
class PostDetailView(DetailView):
    """/post/SLUG/: a post with its sources, comments and neighbours; POST adds a reader's comment."""

    context_object_name = "post"
    template_name = "archive/post_detail.html"
    # What the page reads of the query string (the page cache keys pages by these alone): nothing.
    query_parameters = ()

    def get_queryset(self):
        return Post.objects.for_post_page()

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = CommentForm(request.POST)
        # Counted per reader (behind a trusted proxy, not per proxy), in the
        # "counters" cache that every process shares.
        limited = is_ratelimited(
            request, group="comments", key=ratelimit_key, rate=settings.COMMENT_RATE, increment=True
        )
        if form.is_spam:
            return self.refuse(form, 400, "Your comment could not be accepted.")
        if limited:
            logger.warning("Comment refused: %s sent more than %s.", reader_address(request), settings.COMMENT_RATE)
            return self.refuse(
                form, 429, "You have sent several comments in a short time. Please wait a few minutes."
            )
        if not form.is_valid():
            return self.refuse(form, 400, "Please correct the problems below.")
        if self.object.comments.filter(
            body=form.cleaned_data["body"], created__gte=timezone.now() - DUPLICATE_WINDOW
        ).exists():
            return self.refuse(
                form, 409, "This comment has been sent already: it is awaiting an editor's approval."
            )
        comment = form.save(commit=False)
        comment.post = self.object
        comment.save()
        # The reader sees their comment, awaiting moderation, and no one else does: the session that says
        # which comments are theirs also keeps their pages out of the page cache (its cookie).
        request.session[OWN_COMMENTS] = [*request.session.get(OWN_COMMENTS, []), comment.pk][-OWN_COMMENTS_KEPT:]
        return redirect(f"{self.object.get_absolute_url()}#comment-{comment.pk}")

    def own_pending(self):
        """The reader's own comments on this post that await moderation: read only from a reader who has a
        session, so that everyone else's page does not depend on one (nor vary by cookie, nor miss the cache)."""
        if settings.SESSION_COOKIE_NAME not in self.request.COOKIES:
            return []
        ids = self.request.session.get(OWN_COMMENTS, [])
        if not ids:
            return []
        return list(self.object.comments.filter(pk__in=ids, status=Comment.Status.PENDING).order_by("created", "pk"))

    def refuse(self, form, status, message):
        context = self.get_context_data(object=self.object, comment_form=form, comment_error=message)
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        post = self.object
        # The posts ranked just before and after this one, with what their links show. As on every blog,
        # "previous" is the older post (ranked after: the archive runs newest first) and "next" the newer.
        nearby = Post.objects.filter(rank__in=[post.rank - 1, post.rank + 1]) if post.rank else Post.objects.none()
        neighbours = {neighbour.rank: neighbour for neighbour in nearby.order_by("rank").only("rank", "title", "slug")}
        kwargs.setdefault("comment_form", CommentForm())
        return super().get_context_data(
            previous_post=neighbours.get((post.rank or 0) + 1),
            next_post=neighbours.get((post.rank or 0) - 1),
            # The number came with the post: most posts have no comment here to load.
            comments=threaded(
                post.comments.filter(status=Comment.Status.APPROVED).order_by("created", "pk")
                if post.approved_comment_count else []
            ),
            own_pending=self.own_pending(),
            canonical_url=post.get_absolute_url(),
            **kwargs,
        )


def threaded(comments):
    """The comments as (comment, its replies as the same kind of list), oldest first, as WordPress threads them.

    A reply whose parent is not shown (pending, removed) stands at the top level.
    """
    comments = list(comments)
    shown = {comment.pk for comment in comments}
    replies = {}
    for comment in comments:
        parent = comment.parent_id if comment.parent_id in shown else None
        replies.setdefault(parent, []).append(comment)

    def thread(parent, seen):
        return [(comment, thread(comment.pk, seen | {comment.pk}))
                for comment in replies.get(parent, []) if comment.pk not in seen]

    return thread(None, frozenset())
