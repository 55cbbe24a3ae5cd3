"""The blog's uploaded files, copied into the archive's storage once the import that names them is committed."""

from django.core.files import File
from django.core.files.storage import default_storage

UPLOADS = "uploads/"  # where they go in the storage (MEDIA_ROOT by default): uploads/YYYY/MM/name.ext


def copy_uploads(summary):
    """Copy each file the import found (``summary.files``) that the storage does not hold yet.

    A file already there is left as it is: a re-import copies nothing twice.
    load_seeds calls it once the import's transaction is committed, so that an
    import that fails, or a dry run, copies nothing.
    """
    for name, file in sorted(summary.files.items()):
        stored = f"{UPLOADS}{name}"
        if default_storage.exists(stored):
            continue
        with open(file, "rb") as handle:
            default_storage.save(stored, File(handle, name=name))
        summary.copied += 1
