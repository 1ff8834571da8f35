from careerhub.api.routing import route
from careerhub.api.scopes import PUBLIC

from .views import agent, career, cv, industry, resumes, seeker, sharing

# Mounted under /api/v1/auth/, /api/auth/ and /auth/ with the accounts auth routes (careerhub/urls.py).
auth_urlpatterns = [
    route("me", agent.AuthMeView.as_view(), name="auth-me", scope="profile"),
]

urlpatterns = [
    *[route(f"auth/{p.pattern}", p.callback, name=p.name) for p in auth_urlpatterns],
    # seed 004
    route("profile", agent.ProfileView.as_view(), name="profile", scope="profile"),
    route("profile/cv", cv.CvUploadView.as_view(), name="profile-cv", scope="profile"),
    route("profile/cv/parsed", cv.ParsedCvView.as_view(), name="profile-cv-parsed", scope="profile"),
    route("profile/cv/uploads/<uuid:upload_id>", cv.CvUploadStatusView.as_view(), name="profile-cv-upload", scope="profile"),
    # seed 000
    route("profile/career", career.CareerProfileView.as_view(), name="profile-career", scope="profile"),
    # seed 001
    route("profile/availability", seeker.AvailabilityView.as_view(), name="profile-availability", scope="profile"),
    route("profile/job-preferences", seeker.JobPreferencesView.as_view(), name="profile-job-preferences", scope="profile"),
    route("profile/contact-information", seeker.ContactInformationView.as_view(), name="profile-contact-information", scope="profile"),
    route("profile/resume", seeker.PrimaryResumeView.as_view(), name="profile-resume", scope="profile"),
    route("profile/skills", seeker.SkillsView.as_view(), name="profile-skills", scope="profile"),
    route("profile/social-links", seeker.SocialLinksView.as_view(), name="profile-social-links", scope="profile"),
    route("profile/summary", seeker.SummaryView.as_view(), name="profile-summary", scope="profile"),
    route("profile/sharing", sharing.SharingView.as_view(), name="profile-sharing", scope="profile"),
    route("public/profiles/<slug:slug>", sharing.PublicProfileView.as_view(), name="public-profile", scope=PUBLIC),
    # seed 002
    route("me/industry-profile", industry.IndustryProfileView.as_view(), name="industry-profile", scope="profile"),
    # seed 003
    route("resumes", resumes.ResumeListView.as_view(), name="resume-list", scope="profile"),
    route("resumes/<uuid:resume_id>", resumes.ResumeDetailView.as_view(), name="resume-detail", scope="profile"),
    route("resumes/<uuid:resume_id>/file", resumes.ResumeFileView.as_view(), name="resume-file", scope="profile"),
    route("resumes/<uuid:resume_id>/export", resumes.ResumeExportView.as_view(), name="resume-export", scope="profile"),
    route("upload/resumes/<uuid:resume_id>", resumes.ResumeUploadView.as_view(), name="resume-upload", scope="profile"),
]
