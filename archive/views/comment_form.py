"""The form a reader comments with, on a post's page."""

from django import forms
from django.forms.renderers import Jinja2

from ..models import Comment


class CommentForm(forms.ModelForm):
    """A reader's comment. The ``website`` field is a honeypot: people never see it."""

    website = forms.CharField(required=False, label="Leave this field empty")
    # Django's Jinja2 widget templates, like the rest of the reader's pages.
    default_renderer = Jinja2()

    class Meta:
        model = Comment
        fields = ["author_name", "author_email", "body"]
        labels = {
            "author_name": "Name",
            "author_email": "Email (optional, never shown)",
            "body": "Comment",
        }
        # The label says the address is never shown: once is enough (the model's help is the editors').
        help_texts = {"author_email": ""}
        widgets = {
            "author_name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["body"].min_length = 2

    def clean_author_name(self):
        name = " ".join(self.cleaned_data["author_name"].split())
        if not name:
            raise forms.ValidationError("Please give a name.")
        return name

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip()
        if len(body) < 2:
            raise forms.ValidationError("Please write a comment.")
        return body

    @property
    def is_spam(self):
        return bool(self.data.get("website"))
