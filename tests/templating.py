"""The test client's view of Jinja2 pages: which template, with which context.

Django instruments its own template language for tests (``response.context``,
``assertTemplateUsed``) by sending ``template_rendered`` as each template renders;
its Jinja2 backend sends nothing. This backend is the archive's own, sending it.
"""

from django.template.backends.jinja2 import Jinja2, Template
from django.test.signals import template_rendered


class InstrumentedTemplate(Template):
    def render(self, context=None, request=None):
        template_rendered.send(sender=self, template=self, context=dict(context or {}))
        return super().render(context, request)


class InstrumentedJinja2(Jinja2):
    def get_template(self, template_name):
        template = super().get_template(template_name)
        return InstrumentedTemplate(template.template, self)
