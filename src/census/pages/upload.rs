//! `/provider/census`: the template link and the upload form. The form is
//! a plain multipart post to `/census/upload`, so it works without
//! JavaScript; problems found before the sheet is read come back as the
//! `error` query parameter.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::pages::guard::{RequireLogin, use_current_user};
use crate::accounts::{OrgKind, Role};
use crate::census::upload::UploadProblem;
use crate::forms::{FileField, UploadProblemNotice};
use crate::i18n::{use_locale, use_texts};

#[component]
pub fn CensusUploadPage() -> impl IntoView {
    let t = &use_texts().census;
    view! {
        <Title text=t.page_title />
        <h1>{t.page_title}</h1>
        <p class="lead">{t.intro}</p>
        <RequireLogin approved=true>
            <UploadForm />
        </RequireLogin>
    }
}

#[component]
fn UploadForm() -> impl IntoView {
    let t = &use_texts().census;
    let locale = use_locale();
    let user = use_current_user();
    let provider = user.active.as_ref().is_some_and(|active| {
        active.kind == OrgKind::Provider && matches!(active.role, Role::ProviderAdmin | Role::ProviderStaff)
    });
    if !provider {
        return view! {
            <p class="notice notice--warning" role="alert">
                {t.not_provider}
            </p>
        }
        .into_any();
    }

    let query = use_query_map();
    let problem = move || {
        query
            .read()
            .get("error")
            .and_then(|code| UploadProblem::from_code(&code))
            .map(|problem| problem.message().get(locale).to_owned())
    };

    view! {
        <ol class="steps">{t.steps.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}</ol>
        <p class="actions-row">
            <a class="button button--secondary" href="/census/template.xlsx" rel="external" download="">
                {t.template_link}
            </a>
            <a class="button button--secondary" href="/resources/export.xlsx" rel="external" download="">
                {t.export_link}
            </a>
        </p>
        <form
            class="card form-grid"
            method="post"
            action="/census/upload"
            enctype="multipart/form-data"
            data-testid="census-upload"
        >
            <h2>{t.upload_heading}</h2>
            <UploadProblemNotice message=Signal::derive(problem) />
            <FileField
                label=t.file_label
                id="census-file"
                name="file"
                hint=t.file_hint
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            />
            <button type="submit" class="button">
                {t.upload_button}
            </button>
        </form>
    }
    .into_any()
}
