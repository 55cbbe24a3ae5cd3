import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Make USERNAME an editor: a staff account in the Editors group, which may edit posts, "
        "categories and sources and moderate comments. Creates the account if it does not exist."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="email address for a new account")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        try:
            group = Group.objects.get(name="Editors")
        except Group.DoesNotExist:
            raise CommandError("The Editors group does not exist: run `python manage.py migrate` first.")
        with transaction.atomic():
            user, created = User.objects.get_or_create(username=username, defaults={"email": email})
            user.is_staff = True
            if created:
                user.set_password(self.ask_password(user))
            user.save()
            user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {username}: an editor, who can sign in at /admin/."))

    def ask_password(self, user):
        if not sys.stdin.isatty():
            self.stdout.write(f"No password set: run `python manage.py changepassword {user.username}`.")
            return None
        while True:
            password = getpass.getpass(f"Password for {user.username}: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords do not match.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
