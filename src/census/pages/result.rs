//! `/provider/census/:token`: the check of one uploaded sheet. A sheet
//! rejected as a whole shows one message; a checked sheet shows its row
//! errors with download links, or the "确认导入" button when every row
//! passed; an imported sheet shows how many resources were created.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::accounts::pages::guard::RequireLogin;
use crate::calendar::time::format_china;
use crate::census::RowError;
use crate::census::api::{ConfirmImport, get_upload};
use crate::census::texts::{errors_notice, imported_notice, ready_notice};
use crate::census::upload::{CheckedSheet, UploadOutcome, UploadView};
use crate::forms::{FormAlert, FormNotice, FormState, use_flash};
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;

#[component]
pub fn CensusResultPage() -> impl IntoView {
    let t = &use_texts().census;
    view! {
        <Title text=t.result_title />
        <h1>{t.result_title}</h1>
        <RequireLogin approved=true>
            <UploadResult />
        </RequireLogin>
        <p>
            <a href="/provider/census">{t.upload_again}</a>
        </p>
    }
}

#[component]
fn UploadResult() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let confirm = ServerAction::<ConfirmImport>::new();
    let upload = Resource::new(
        move || (token(), confirm.version().get()),
        |(token, _)| get_upload(token),
    );
    let form = FormState::new(
        Signal::derive(move || confirm.value().get().and_then(Result::err)),
        Signal::derive(move || confirm.value().get().and_then(Result::ok).map(imported_notice)),
        use_flash(ConfirmImport::PATH),
    );

    view! {
        <FormNotice form />
        <FormAlert form fields=&[] />
        <Suspense>
            {move || Suspend::new(async move {
                match upload.await {
                    Ok(view) => view! { <UploadDetails view confirm /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UploadDetails(view: UploadView, confirm: ServerAction<ConfirmImport>) -> impl IntoView {
    let t = &use_texts().census;
    let locale = use_locale();
    let body = match view.outcome {
        UploadOutcome::Rejected { message } => view! {
            <section class="notice notice--error" role="alert" data-testid="census-rejected">
                <h2>{t.rejected_title}</h2>
                <p>{message.get(locale).to_owned()}</p>
                <p>{t.nothing_imported}</p>
            </section>
        }
        .into_any(),
        UploadOutcome::Checked(sheet) => view! { <Checked sheet token=view.token.clone() confirm /> }.into_any(),
        UploadOutcome::Imported { count, at } => view! {
            <section class="notice notice--success" role="status" data-testid="census-imported">
                <h2>{t.imported_title}</h2>
                <p>{imported_notice(count).get(locale).to_owned()}</p>
                <p>{format_china(at)}</p>
            </section>
        }
        .into_any(),
    };

    view! {
        <dl class="details">
            <dt>{t.file_name}</dt>
            <dd>{view.file_name.clone()}</dd>
            <dt>{t.uploaded_at}</dt>
            <dd>{format_china(view.created_at)}</dd>
            <dt>{t.kept_until}</dt>
            <dd>{format_china(view.expires_at)}</dd>
        </dl>
        {body}
    }
}

#[component]
fn Checked(sheet: CheckedSheet, token: String, confirm: ServerAction<ConfirmImport>) -> impl IntoView {
    let t = &use_texts().census;
    let locale = use_locale();

    let summary = view! {
        <dl class="details" data-testid="census-summary">
            <dt>{t.rows_total}</dt>
            <dd>{sheet.total_rows}</dd>
            <dt>{t.rows_valid}</dt>
            <dd>{sheet.valid_rows}</dd>
            <dt>{t.error_count}</dt>
            <dd>{sheet.error_count}</dd>
            <dt>{t.duplicate_rows}</dt>
            <dd>{sheet.duplicate_rows}</dd>
        </dl>
    };

    if sheet.importable {
        return view! {
            {summary}
            <section class="card" data-testid="census-ready">
                <h2>{t.ready_title}</h2>
                <p>{ready_notice(sheet.total_rows).get(locale).to_owned()}</p>
                <p class="muted">{t.confirm_hint}</p>
                <ActionForm action=confirm>
                    <input type="hidden" name="token" value=token />
                    <button type="submit" class="button" disabled=move || confirm.pending().get()>
                        {t.confirm_button}
                    </button>
                </ActionForm>
            </section>
        }
        .into_any();
    }

    let more = sheet.error_count > sheet.errors.len();
    view! {
        {summary}
        <p class="notice notice--error" role="alert">
            {errors_notice(sheet.error_count, sheet.total_rows).get(locale).to_owned()}
        </p>
        <p class="actions-row">
            <a class="button button--secondary" href=format!("/census/uploads/{token}/errors.xlsx") rel="external">
                {t.download_xlsx}
            </a>
            <a class="button button--secondary" href=format!("/census/uploads/{token}/errors.csv") rel="external">
                {t.download_csv}
            </a>
        </p>
        <h2>{t.errors_heading}</h2>
        <ErrorTable errors=sheet.errors />
        {more.then(|| view! { <p class="muted">{t.more_errors}</p> })}
    }
    .into_any()
}

#[component]
fn ErrorTable(errors: Vec<RowError>) -> impl IntoView {
    let t = &use_texts().census;
    let locale = use_locale();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="census-errors">
                <thead>
                    <tr>
                        <th scope="col">{t.column_row}</th>
                        <th scope="col">{t.column_column}</th>
                        <th scope="col">{t.column_problem}</th>
                    </tr>
                </thead>
                <tbody>
                    {errors
                        .into_iter()
                        .map(|error| {
                            view! {
                                <tr class:census-duplicate=error.duplicate>
                                    <td>{error.row}</td>
                                    <td>{error.column.clone()}</td>
                                    <td>
                                        {error
                                            .duplicate
                                            .then(|| view! { <span class="badge">{t.duplicate_badge}</span> })} {" "}
                                        {error.message.get(locale).to_owned()}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
