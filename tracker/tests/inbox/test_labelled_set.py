"""The labelled set meets issue 21's targets with the rules alone (bench/inbox_quality.py)."""

from bench import inbox_quality


def test_the_labelled_set_meets_its_targets_with_the_rules_alone(no_llm):
    # when
    report = inbox_quality.evaluate()
    # then
    assert report.total >= 80
    assert report.kind_accuracy >= inbox_quality.KIND_TARGET, "\n".join(report.misses)
    assert report.application_accuracy >= inbox_quality.APPLICATION_TARGET, "\n".join(report.misses)
    assert report.date_accuracy >= inbox_quality.DATE_TARGET, "\n".join(report.misses)


def test_every_labelled_message_names_a_known_kind_and_application():
    # given
    labelled = inbox_quality.load_set()
    applications = {item["id"] for item in labelled["applications"]}
    kinds = {"application_received", "rejection", "interview_invitation", "assessment", "offer", "recruiter_outreach",
             "other"}
    # then
    for entry in labelled["messages"]:
        assert entry["kind"] in kinds
        assert entry["application"] is None or entry["application"] in applications
        assert ("interview_at" in entry) == (entry["kind"] == "interview_invitation")
        assert ("file" in entry) != ("fields" in entry)
        if "file" in entry:
            assert (inbox_quality.DATA / entry["file"]).is_file()


def test_the_report_shows_the_figures_and_a_confusion_table():
    # when
    section = inbox_quality.section(inbox_quality.evaluate())
    # then
    assert section.startswith(f"## {inbox_quality.TITLE}")
    assert "| kind |" in section and "| application |" in section and "| interview date |" in section
    assert "| labelled \\ classified |" in section
