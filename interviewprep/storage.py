"""Static files: whitenoise's compressed, hashed files, with the imports of our JavaScript
modules rewritten to the hashed names too, so a page never pairs a new module with an old one."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
