//! `/provider/resources/:id/photos`: the photos of a resource and the
//! [`PhotoUploader`] form. The upload is a plain multipart post, so it
//! works without JavaScript; its outcome comes back in the query string.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{DeletePhoto, list_photos};
use super::{PhotoProblem, PhotoView};
use crate::accounts::pages::guard::RequireLogin;
use crate::forms::{FileField, FormAlert, FormNotice, FormState, UploadProblemNotice, use_flash};
use crate::i18n::{Text, use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;

#[component]
pub fn PhotosPage() -> impl IntoView {
    let t = &use_texts().photos;
    view! {
        <Title text=t.page_title />
        <h1>{t.page_title}</h1>
        <p class="lead">{t.intro}</p>
        <RequireLogin approved=true>
            <Photos />
        </RequireLogin>
    }
}

#[component]
fn Photos() -> impl IntoView {
    let params = use_params_map();
    let resource_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let delete = ServerAction::<DeletePhoto>::new();
    let photos = Resource::new(
        move || (resource_id(), delete.version().get()),
        |(id, _)| list_photos(id),
    );
    let form = FormState::new(
        Signal::derive(move || delete.value().get().and_then(Result::err)),
        Signal::derive(move || {
            delete
                .value()
                .get()
                .and_then(Result::ok)
                .map(|()| Text::new("照片已删除", "Photo deleted"))
        }),
        use_flash(DeletePhoto::PATH),
    );

    view! {
        <p>
            <a href=move || {
                format!("/provider/resources/{}", resource_id())
            }>{use_texts().resources.back_to_resource}</a>
        </p>
        <FormNotice form />
        <FormAlert form fields=&[] />
        <Suspense>
            {move || Suspend::new(async move {
                match photos.await {
                    Ok(list) => {
                        view! {
                            <PhotoGrid list delete />
                            <PhotoUploader resource_id=resource_id() />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PhotoGrid(list: Vec<PhotoView>, delete: ServerAction<DeletePhoto>) -> impl IntoView {
    let t = &use_texts().photos;
    if list.is_empty() {
        return view! { <p class="empty-state">{t.empty}</p> }.into_any();
    }
    view! {
        <ul class="card-grid" data-testid="photos">
            {list
                .into_iter()
                .map(|photo| {
                    view! {
                        <li class="card">
                            <a href=photo.url.clone() rel="external">
                                <img src=photo.thumb_url.clone() alt=photo.caption.clone() loading="lazy" />
                            </a>
                            <p>{photo.caption.clone()}</p>
                            <ActionForm action=delete>
                                <input type="hidden" name="photo_id" value=photo.id />
                                <button type="submit" class="button button--danger">
                                    {t.delete}
                                </button>
                            </ActionForm>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The photo upload form of one resource: a plain multipart post to
/// `/provider/resources/{id}/photos/upload` that comes back to this page.
#[component]
pub fn PhotoUploader(
    /// The resource the photo belongs to.
    resource_id: i64,
) -> impl IntoView {
    let t = &use_texts().photos;
    let locale = use_locale();
    let query = use_query_map();
    let problem = move || {
        query
            .read()
            .get("error")
            .and_then(|code| PhotoProblem::from_code(&code))
            .map(|problem| problem.message().get(locale).to_owned())
    };
    let uploaded = move || query.read().get("uploaded").is_some();

    view! {
        <form
            class="card form-grid"
            method="post"
            action=format!("/provider/resources/{resource_id}/photos/upload")
            enctype="multipart/form-data"
            data-testid="photo-upload"
        >
            <h2>{t.upload_heading}</h2>
            <UploadProblemNotice message=Signal::derive(problem) />
            {move || {
                uploaded()
                    .then(|| {
                        view! {
                            <p class="notice notice--success" role="status">
                                {t.uploaded}
                            </p>
                        }
                    })
            }}
            <FileField
                label=t.file_label
                id="photo-file"
                name="file"
                hint=t.file_hint
                accept="image/jpeg,image/png,image/webp,image/gif"
            />
            <div class="field">
                <label for="photo-caption">{t.caption_label}</label>
                <p class="field__hint" id="photo-caption-hint">
                    {t.caption_hint}
                </p>
                <input
                    id="photo-caption"
                    name="caption"
                    type="text"
                    maxlength="100"
                    aria-describedby="photo-caption-hint"
                />
            </div>
            <button type="submit" class="button">
                {t.upload_button}
            </button>
        </form>
    }
}
