//! The logged-in user for every page, and the guard of pages that need one.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use super::super::CurrentUser;
use super::super::api::auth::who_am_i;
use crate::error::AppError;
use crate::i18n::use_texts;
use crate::shell::feedback::{ErrorNotice, LoadingNotice};
use crate::shell::layout::urlencode;

/// The current user, shared by the navigation and the pages. Bump
/// `version` after logging in or out to load it again.
#[derive(Clone, Copy)]
pub struct UserContext {
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    pub version: RwSignal<u64>,
}

pub fn provide_user_context() {
    let version = RwSignal::new(0u64);
    let user = Resource::new(move || version.get(), |_| who_am_i());
    provide_context(UserContext { user, version });
}

pub fn use_user_context() -> UserContext {
    expect_context::<UserContext>()
}

/// Returns the path and query of this page, for `?next=`.
pub fn here() -> String {
    let location = use_location();
    let search = location.search.get_untracked();
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        location.pathname.get_untracked()
    } else {
        format!("{}?{search}", location.pathname.get_untracked())
    }
}

pub fn login_path_back_here() -> String {
    format!("/login?next={}", urlencode(&here()))
}

/// Renders `children` for a logged-in user (given in context as
/// [`CurrentUser`]); sends everyone else to the login page and back.
#[component]
pub fn RequireLogin(
    /// Also require an approved organisation (or a platform admin).
    #[prop(optional)]
    approved: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let context = use_user_context();
    let children = StoredValue::new(children);
    let login = login_path_back_here();
    let password = format!("/account/password?next={}", urlencode(&here()));

    view! {
        <Suspense fallback=|| {
            view! { <LoadingNotice /> }
        }>
            {move || {
                let login = login.clone();
                let password = password.clone();
                Suspend::new(async move {
                    match context.user.await {
                        Ok(Some(user)) if user.must_change_password => view! { <Redirect path=password /> }.into_any(),
                        Ok(Some(user)) if approved && !is_approved(&user) => {
                            view! {
                                <p class="notice notice--warning" role="alert">
                                    {use_texts().accounts.not_approved_yet}
                                </p>
                                <a class="button" href="/my/organisation">
                                    {use_texts().accounts.my_org_title}
                                </a>
                            }
                                .into_any()
                        }
                        Ok(Some(user)) => {
                            provide_context(user);
                            children.with_value(|children| children()).into_any()
                        }
                        Ok(None) | Err(AppError::Unauthenticated) => view! { <Redirect path=login /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn is_approved(user: &CurrentUser) -> bool {
    user.platform_admin
        || user
            .active
            .as_ref()
            .is_some_and(|m| m.status == super::super::OrgStatus::Approved)
}

/// Returns the user that [`RequireLogin`] provides.
pub fn use_current_user() -> CurrentUser {
    expect_context::<CurrentUser>()
}
