//! `/provider/resources/new` and `/provider/resources/{id}`: the resource
//! form, its status and the workflow buttons.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::super::api::provider::{
    CreateResource, PublishResource, SubmitResource, TakeResourceOffline, UpdateResource, VerifyResource,
    load_resource_details,
};
use super::super::form::ResourceDetails;
use super::super::model::ResourceStatus;
use super::resource_form::ResourceFields;
use super::widgets::StatusBadge;
use crate::accounts::pages::guard::RequireLogin;
use crate::calendar::time::format_china;
use crate::error::AppError;
use crate::forms::{FormAlert, FormNotice, FormState, use_flash};
use crate::i18n::use_texts;
use crate::shell::feedback::ErrorNotice;

/// Error keys of the form's fields; other errors show above the form.
const FIELDS: &[&str] = &[
    "name",
    "resource_type",
    "themes",
    "stages",
    "summary",
    "strengths",
    "services",
    "opening_hours",
    "contact_name",
    "contact_phone",
    "region",
    "address",
    "latitude",
    "longitude",
    "datum",
    "group_capacity",
    "fee_kind",
    "fee_note",
    "accessibility_notes",
    "safety_notes",
];

#[component]
pub fn NewResourcePage() -> impl IntoView {
    let t = &use_texts().resources;
    view! {
        <Title text=t.new_resource />
        <h1>{t.new_resource}</h1>
        <RequireLogin approved=true>
            <NewForm />
        </RequireLogin>
    }
}

#[component]
fn NewForm() -> impl IntoView {
    let t = &use_texts().resources;
    let create = ServerAction::<CreateResource>::new();
    let form = FormState::new(
        Signal::derive(move || create.value().get().and_then(Result::err)),
        Signal::derive(|| None),
        use_flash(CreateResource::PATH),
    );
    view! {
        <FormAlert form fields=FIELDS />
        <ActionForm action=create attr:class="card form">
            <ResourceFields form record=None />
            <button type="submit" class="button">
                {t.save_draft}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn EditResourcePage() -> impl IntoView {
    let t = &use_texts().resources;
    view! {
        <Title text=t.edit_title />
        <h1>{t.edit_title}</h1>
        <RequireLogin approved=true>
            <Editor />
        </RequireLogin>
    }
}

#[component]
fn Editor() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()));
    let actions = EditActions::new();
    // Reload after every action: with JavaScript the redirect back to this
    // same URL does not change the route, so nothing else refetches.
    let details = Resource::new(
        move || (id.get(), actions.versions()),
        |(id, _)| async move {
            match id {
                Some(id) => load_resource_details(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(details) => view! { <EditForm details actions /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The flash of whichever of this page's forms was posted last.
fn page_flash() -> Option<crate::forms::FormFlash> {
    use_flash(UpdateResource::PATH)
        .or_else(|| use_flash(CreateResource::PATH))
        .or_else(|| use_flash(SubmitResource::PATH))
        .or_else(|| use_flash(PublishResource::PATH))
        .or_else(|| use_flash(TakeResourceOffline::PATH))
        .or_else(|| use_flash(VerifyResource::PATH))
}

/// The edit page's server actions, created once per page.
#[derive(Clone, Copy)]
struct EditActions {
    update: ServerAction<UpdateResource>,
    submit: ServerAction<SubmitResource>,
    publish: ServerAction<PublishResource>,
    offline: ServerAction<TakeResourceOffline>,
    verify: ServerAction<VerifyResource>,
}

impl EditActions {
    fn new() -> Self {
        Self {
            update: ServerAction::new(),
            submit: ServerAction::new(),
            publish: ServerAction::new(),
            offline: ServerAction::new(),
            verify: ServerAction::new(),
        }
    }

    /// Sum of the actions' versions: changes whenever one completes.
    fn versions(&self) -> usize {
        self.update.version().get()
            + self.submit.version().get()
            + self.publish.version().get()
            + self.offline.version().get()
            + self.verify.version().get()
    }
}

#[component]
fn EditForm(details: ResourceDetails, actions: EditActions) -> impl IntoView {
    let t = &use_texts().resources;
    let EditActions {
        update,
        submit,
        publish,
        offline,
        verify,
    } = actions;
    let form = FormState::new(
        Signal::derive(move || {
            update
                .value()
                .get()
                .and_then(Result::err)
                .or_else(|| submit.value().get().and_then(Result::err))
                .or_else(|| publish.value().get().and_then(Result::err))
                .or_else(|| offline.value().get().and_then(Result::err))
                .or_else(|| verify.value().get().and_then(Result::err))
        }),
        Signal::derive(|| None),
        page_flash(),
    );
    let id = details.id;
    let status = details.status;
    let can_submit = matches!(
        status,
        ResourceStatus::Draft | ResourceStatus::Returned | ResourceStatus::Offline
    );
    let back = format!("/provider/resources/{id}");

    view! {
        <FormNotice form />
        <section class="card" data-testid="resource-status">
            <p>{t.status} " " <StatusBadge status /> " · " {t.version} " " {details.version}</p>
            {details
                .return_reason
                .clone()
                .filter(|_| status == ResourceStatus::Returned)
                .map(|reason| {
                    view! {
                        <p class="notice notice--warning" role="alert" data-testid="return-reason">
                            {t.return_reason}
                            "："
                            {reason}
                        </p>
                    }
                })}
            <p>
                {t.last_verified} " " {details.last_verified_at.map(format_china).unwrap_or_else(|| t.never.to_owned())}
            </p>
            <div class="actions-row">
                {can_submit
                    .then(|| {
                        view! {
                            <ActionForm action=submit>
                                <input type="hidden" name="id" value=id />
                                <button type="submit" class="button">
                                    {t.submit_for_review}
                                </button>
                            </ActionForm>
                        }
                    })}
                {(status == ResourceStatus::Approved)
                    .then(|| {
                        view! {
                            <ActionForm action=publish>
                                <input type="hidden" name="id" value=id />
                                <button type="submit" class="button">
                                    {t.publish}
                                </button>
                            </ActionForm>
                        }
                    })}
                {(status == ResourceStatus::Published)
                    .then(|| {
                        view! {
                            <a class="button button--secondary" href=format!("/resources/{id}")>
                                {t.view_public}
                            </a>
                            <ActionForm action=offline>
                                <input type="hidden" name="id" value=id />
                                <button type="submit" class="button button--danger">
                                    {t.take_offline}
                                </button>
                            </ActionForm>
                        }
                    })} <ActionForm action=verify>
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="back" value=back />
                    <button type="submit" class="button button--secondary">
                        {t.mark_verified}
                    </button>
                </ActionForm> <a class="button button--secondary" href=format!("/provider/resources/{id}/programmes")>
                    {t.programmes}
                </a> <a class="button button--secondary" href=format!("/provider/resources/{id}/photos")>
                    {use_texts().photos.page_title}
                </a>
            </div>
        </section>
        <FormAlert form fields=FIELDS />
        <ActionForm action=update attr:class="card form">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="version" value=details.version />
            <ResourceFields form record=Some(details.record) />
            <button type="submit" class="button">
                {t.save}
            </button>
        </ActionForm>
    }
}
