//! `/bureau/audit-log`: the audit log of the officer's region, filtered.

use chrono::{NaiveDate, TimeZone};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::super::api::audit::{AuditFilter, AuditPage, audit_log};
use super::guard::RequireLogin;
use crate::i18n::use_texts;
use crate::shell::feedback::ErrorNotice;
use crate::shell::layout::urlencode;
use crate::shell::pager::Pager;

/// Start of a China date as a UTC instant.
fn china_midnight(date: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let local = crate::calendar::time::china_offset()
        .from_local_datetime(&date.and_hms_opt(0, 0, 0)?)
        .single()?;
    Some(local.with_timezone(&chrono::Utc))
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let t = &use_texts().accounts;
    view! {
        <Title text=t.audit_title />
        <h1>{t.audit_title}</h1>
        <p class="lead">{t.audit_intro}</p>
        <RequireLogin approved=true>
            <AuditLog />
        </RequireLogin>
    }
}

#[component]
fn AuditLog() -> impl IntoView {
    let t = &use_texts().accounts;
    let query = use_query_map();
    let value = move |key: &str| query.read().get(key).unwrap_or_default();
    let filter = Memo::new(move |_| {
        let query = query.read();
        AuditFilter {
            action: query.get("action").filter(|a| !a.is_empty()),
            actor: query.get("actor").filter(|a| !a.is_empty()),
            from: query.get("from").as_deref().and_then(china_midnight),
            until: query
                .get("until")
                .as_deref()
                .and_then(china_midnight)
                .map(|d| d + chrono::Duration::days(1)),
            page: query.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
            per_page: 50,
        }
    });
    let entries = Resource::new(move || filter.get(), audit_log);
    let chosen_action = value("action");

    view! {
        <form method="get" action="/bureau/audit-log" class="card inline-form">
            <div class="field">
                <label for="audit-action">{t.audit_action}</label>
                <select id="audit-action" name="action">
                    <option value="">{t.all}</option>
                    {t
                        .actions
                        .iter()
                        .map(|(code, label)| {
                            view! {
                                <option value=*code selected=chosen_action == *code>
                                    {*label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-actor">{t.audit_actor}</label>
                <input id="audit-actor" name="actor" value=value("actor") />
            </div>
            <div class="field">
                <label for="audit-from">{t.audit_from}</label>
                <input id="audit-from" name="from" type="date" value=value("from") />
            </div>
            <div class="field">
                <label for="audit-until">{t.audit_until}</label>
                <input id="audit-until" name="until" type="date" value=value("until") />
            </div>
            <button type="submit" class="button">
                {t.filter}
            </button>
        </form>
        <Suspense>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(page) => {
                        let base = format!(
                            "/bureau/audit-log?action={}&actor={}&from={}&until={}",
                            urlencode(&value("action")),
                            urlencode(&value("actor")),
                            urlencode(&value("from")),
                            urlencode(&value("until")),
                        );
                        view! { <AuditTable page base /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn action_label(code: &str) -> String {
    use_texts()
        .accounts
        .actions
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, label)| (*label).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

#[component]
fn AuditTable(page: AuditPage, base: String) -> impl IntoView {
    let t = &use_texts().accounts;
    if page.entries.is_empty() {
        return view! { <p class="empty-state card">{t.audit_empty}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="audit-log">
                <thead>
                    <tr>
                        <th scope="col">{t.audit_time}</th>
                        <th scope="col">{t.audit_actor}</th>
                        <th scope="col">{t.audit_action}</th>
                        <th scope="col">{t.audit_target}</th>
                        <th scope="col">{t.audit_ip}</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .entries
                        .into_iter()
                        .map(|entry| {
                            view! {
                                <tr>
                                    <td>{crate::calendar::time::format_china(entry.at)}</td>
                                    <td>{entry.actor_name}</td>
                                    <td>{action_label(&entry.action)}</td>
                                    <td>{entry.target_type} " " {entry.target_id.unwrap_or_default()}</td>
                                    <td>{entry.ip}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <Pager total=page.total page=page.page per_page=page.per_page base />
    }
    .into_any()
}
