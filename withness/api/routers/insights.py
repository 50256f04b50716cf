from ninja import Router

from withness.insights.services import insights_for

from ..insights_schemas import Insights

router = Router(tags=["insights"])


@router.get(
    "",
    response=Insights,
    summary="What the pattern-finder sees in your journal",
    description="The same document as `withness insights --json`: people, kinds of contact "
    "and time alone with estimates and 90% intervals, the isolation drift, the weekly "
    "balance and the cards. Computed once per journal state and then kept.",
)
def get_insights(request):
    return insights_for(request.user).document
