"""The files imported from the blog's uploads folder, served from the archive's storage (MEDIA_ROOT by default).

A web server in front of the archive serves them faster (README: MEDIA_ROOT at
/media/); this view serves them where none does. The files came from the
blog, not from the archive: a type a browser could run (HTML, SVG) is sent
sandboxed, with no script, and every file with the type its name says.
"""

import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

# Nothing in the file may run, load or submit anything: an image or a document, no more.
SANDBOX = "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'"


@require_safe
def uploaded_file(request, name):
    try:
        if not default_storage.exists(name):
            raise Http404("No such file.")
        handle = default_storage.open(name)
    except (SuspiciousFileOperation, ValueError, OSError):
        raise Http404("No such file.") from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Content-Security-Policy"] = SANDBOX
    response["Cache-Control"] = "public, max-age=86400"
    return response
