//! The real server binary under booking load, killed with SIGKILL and
//! restarted, on SQLite and PostgreSQL: every booking it acknowledged is
//! stored in the acknowledged state, and the session's place counter equals
//! the pupils of the bookings that hold places.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use support::booking::{SessionSpec, booking_form, world};
use xieyu::booking::api::BookingOutcome;
use xieyu::booking::entity::{booking, session};
use xieyu::booking::rules::Allocation;
use xieyu::booking::state::BookingState;

const BINARY: &str = env!("CARGO_BIN_EXE_xieyu");
const CLIENTS: usize = 8;
/// Acknowledged bookings after which the server is killed.
const KILL_AFTER: usize = 120;
const CAPACITY: u32 = 150;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start_server(dir: &tempfile::TempDir, database_url: &str, addr: SocketAddr) -> Child {
    let mut child = Command::new(BINARY)
        .current_dir(dir.path())
        .env_remove("RUST_LOG")
        .env_remove("LEPTOS_SITE_ADDR")
        .env("DATABASE_URL", database_url)
        .env("XIEYU_SERVER_ADDR", addr.to_string())
        .env("RUST_LOG", "warn")
        .arg("serve")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start server");
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok((200, _)) = request(addr, "GET", "/healthz", "", None) {
            return child;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().ok();
    child.wait().ok();
    panic!("server did not become healthy on {addr}");
}

/// One HTTP/1.1 request with `Connection: close`; returns status and body.
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
    token: Option<&str>,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let cookie = token
        .map(|t| format!("Cookie: xieyu_session={t}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n{cookie}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("incomplete response"))?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))?;
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Ok((status, body))
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || tail.len() < size {
            break;
        }
        out.push_str(&tail[..size]);
        rest = tail[size..].trim_start_matches("\r\n");
    }
    out
}

/// An acknowledged booking: id, state and pupils.
type Ack = (i64, BookingState, u32);

/// Fires bookings from several threads until `stop` is set or the server
/// stops responding; returns the acknowledged ones.
fn fire(addr: SocketAddr, session_id: i64, token: &str, stop: &Arc<AtomicBool>) -> Vec<Ack> {
    let acks = Arc::new(Mutex::new(Vec::new()));
    let counter = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (acks, counter, stop, token) = (acks.clone(), counter.clone(), stop.clone(), token.to_owned());
            std::thread::spawn(move || {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let pupils = 1 + (n % 3) as u32;
                    let form = booking_form(session_id, &format!("{client}-{n}班"), pupils);
                    let body = serde_urlencoded::to_string(&form).expect("encodable form");
                    match request(addr, "POST", "/api/booking/book", &body, Some(&token)) {
                        Ok((200, body)) => {
                            let outcome: BookingOutcome = serde_json::from_str(&body).expect("outcome JSON");
                            acks.lock()
                                .expect("acks lock")
                                .push((outcome.booking_id, outcome.state, pupils));
                            counter.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok((409 | 503, _)) => {}
                        Ok((status, body)) => panic!("unexpected answer {status}: {body}"),
                        // The server was killed: the request may or may not
                        // have been stored, and was never acknowledged.
                        Err(_) => return,
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("client thread");
    }
    Arc::try_unwrap(acks)
        .map(|m| m.into_inner().expect("acks lock"))
        .unwrap_or_default()
}

async fn check_counts(db: &xieyu::db::Db, session_id: i64, acks: &[Ack], backend: &str) {
    let conn = db.conn();
    let rows = booking::Entity::find()
        .filter(booking::Column::SessionId.eq(session_id))
        .all(conn)
        .await
        .expect("query bookings");
    for (id, state, pupils) in acks {
        let row = rows.iter().find(|b| b.id == *id);
        let row = row.unwrap_or_else(|| panic!("{backend}: acknowledged booking {id} lost"));
        assert_eq!(row.state, state.code(), "{backend}: booking {id} state");
        assert_eq!(row.pupils as u32, *pupils, "{backend}: booking {id} pupils");
    }

    let held: i32 = rows
        .iter()
        .filter(|b| BookingState::from_code(&b.state).is_some_and(BookingState::holds_places))
        .map(|b| b.pupils)
        .sum();
    let row = session::Entity::find_by_id(session_id)
        .one(conn)
        .await
        .expect("query session")
        .expect("session exists");
    assert_eq!(row.places_held, held, "{backend}: counter equals stored bookings");
    assert!(row.places_held <= CAPACITY as i32, "{backend}: within capacity");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_during_load_loses_nothing() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let world = world(
            &database.db,
            SessionSpec {
                capacity: CAPACITY,
                allocation: Allocation::FirstCome { waitlist: true },
                ..SessionSpec::default()
            },
        )
        .await;
        let dir = tempfile::tempdir().expect("server folder");
        let url = database.settings.url.clone();
        let addr = SocketAddr::from(([127, 0, 0, 1], free_port()));
        let mut server = start_server(&dir, &url, addr);

        let stop = Arc::new(AtomicBool::new(false));
        let load = {
            let (stop, token, session_id) = (stop.clone(), world.teacher_token.clone(), world.session.id);
            tokio::task::spawn_blocking(move || fire(addr, session_id, &token, &stop))
        };
        // Kill once enough bookings are acknowledged; the load keeps running
        // while the kill happens.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let stored = booking::Entity::find()
                .filter(booking::Column::SessionId.eq(world.session.id))
                .all(database.db.conn())
                .await
                .map(|rows| rows.len())
                .unwrap_or(0);
            if stored >= KILL_AFTER || Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        server.kill().expect("SIGKILL the server");
        server.wait().expect("reap the server");
        stop.store(true, Ordering::Relaxed);
        let acks = load.await.expect("load finished");
        assert!(
            acks.len() >= KILL_AFTER / 2,
            "{backend}: only {} acknowledged",
            acks.len()
        );

        let mut server = start_server(&dir, &url, addr);
        check_counts(&database.db, world.session.id, &acks, backend).await;

        // The restarted server keeps booking and counting.
        let body = serde_urlencoded::to_string(booking_form(world.session.id, "重启后1班", 1)).expect("form");
        let (status, answer) = request(addr, "POST", "/api/booking/book", &body, Some(&world.teacher_token))
            .expect("restarted server answers");
        assert_eq!(status, 200, "{backend}: {answer}");
        let outcome: BookingOutcome = serde_json::from_str(&answer).expect("outcome JSON");
        let mut all = acks;
        all.push((outcome.booking_id, outcome.state, 1));
        check_counts(&database.db, world.session.id, &all, backend).await;

        server.kill().expect("stop the server");
        server.wait().expect("reap the server");
        database.drop_database().await;
    }
}
