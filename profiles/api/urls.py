from careerhub.api.routing import route

from .views import agent, career, cv, industry, resumes, seeker, sharing

# Mounted under /api/v1/auth/, /api/auth/ and /auth/ with the accounts auth routes (careerhub/urls.py).
auth_urlpatterns = [
    route("me", agent.AuthMeView.as_view(), name="auth-me"),
]

urlpatterns = [
    *[route(f"auth/{p.pattern}", p.callback, name=p.name) for p in auth_urlpatterns],
    # seed 004
    route("profile", agent.ProfileView.as_view(), name="profile"),
    route("profile/cv", cv.CvUploadView.as_view(), name="profile-cv"),
    route("profile/cv/parsed", cv.ParsedCvView.as_view(), name="profile-cv-parsed"),
    # seed 000
    route("profile/career", career.CareerProfileView.as_view(), name="profile-career"),
    # seed 001
    route("profile/availability", seeker.AvailabilityView.as_view(), name="profile-availability"),
    route("profile/job-preferences", seeker.JobPreferencesView.as_view(), name="profile-job-preferences"),
    route("profile/contact-information", seeker.ContactInformationView.as_view(), name="profile-contact-information"),
    route("profile/resume", seeker.PrimaryResumeView.as_view(), name="profile-resume"),
    route("profile/skills", seeker.SkillsView.as_view(), name="profile-skills"),
    route("profile/social-links", seeker.SocialLinksView.as_view(), name="profile-social-links"),
    route("profile/summary", seeker.SummaryView.as_view(), name="profile-summary"),
    route("profile/sharing", sharing.SharingView.as_view(), name="profile-sharing"),
    route("public/profiles/<slug:slug>", sharing.PublicProfileView.as_view(), name="public-profile"),
    # seed 002
    route("me/industry-profile", industry.IndustryProfileView.as_view(), name="industry-profile"),
    # seed 003
    route("resumes", resumes.ResumeListView.as_view(), name="resume-list"),
    route("resumes/<uuid:resume_id>", resumes.ResumeDetailView.as_view(), name="resume-detail"),
    route("resumes/<uuid:resume_id>/file", resumes.ResumeFileView.as_view(), name="resume-file"),
    route("resumes/<uuid:resume_id>/export", resumes.ResumeExportView.as_view(), name="resume-export"),
    route("upload/resumes/<uuid:resume_id>", resumes.ResumeUploadView.as_view(), name="resume-upload"),
]
