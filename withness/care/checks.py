from django.core import checks

from . import crisis_lines


@checks.register()
def crisis_lines_file(app_configs, **kwargs):
    """Help now must never break at the moment someone needs it: check its data at start-up."""
    try:
        crisis_lines.load()
    except crisis_lines.CrisisLinesError as error:
        return [
            checks.Error(
                str(error),
                hint=f"Fix {crisis_lines.DATA_FILE}; docs/crisis-lines.md describes its shape.",
                id="care.E001",
            )
        ]
    return []
