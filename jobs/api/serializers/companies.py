"""Companies a user follows by their careers page: the watch, and its input."""

from careerhub.api import serializers
from jobs.ats_links import SUPPORTED_ATS, SUPPORTED_FORMS
from jobs.models import CompanyWatch

# --- Output ------------------------------------------------------------------------------------


class CompanyWatchSerializer(serializers.ModelSerializer):
    """A company the user follows: its board on an ATS, when careerhub last read it and how many jobs it holds from it."""

    ats = serializers.CharField(source="board.ats", read_only=True, help_text=f"One of: {', '.join(SUPPORTED_ATS)}.")
    board = serializers.CharField(source="board.board", read_only=True, help_text="The board's token on its ATS.")
    company_name = serializers.CharField(source="board.company_name", read_only=True)
    url = serializers.CharField(source="board.url", read_only=True, help_text="The board's public careers page.")
    last_scraped_at = serializers.DateTimeField(
        source="board.last_scraped_at", read_only=True, allow_null=True, help_text="Null until careerhub has read the board."
    )
    job_count = serializers.IntegerField(read_only=True, help_text="Jobs careerhub holds from this board.")

    class Meta:
        model = CompanyWatch
        fields = ["id", "ats", "board", "company_name", "url", "last_scraped_at", "job_count"]
        read_only_fields = fields


# --- Input -------------------------------------------------------------------------------------


class CompanyWatchInputSerializer(serializers.Serializer):
    url = serializers.CharField(
        max_length=1000,
        help_text=f"A company's careers page on a supported ATS: {', '.join(SUPPORTED_FORMS)}. A job link on one works too.",
    )
