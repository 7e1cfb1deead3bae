//! The server binary on bad settings, an unreachable database, a port in
//! use, and SIGTERM. Each failure must be one line naming the setting.

use std::io::Read;
use std::net::TcpListener;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_xieyu");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn server(dir: &tempfile::TempDir, envs: &[(&str, String)]) -> Command {
    let mut command = Command::new(BINARY);
    command
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("RUST_LOG")
        .env_remove("LEPTOS_SITE_ADDR")
        .env("DATABASE_URL", format!("sqlite://{}/x.db", dir.path().display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in envs {
        command.env(key, value);
    }
    command
}

/// Runs the server expecting it to stop by itself within 20 seconds.
fn run_to_exit(mut command: Command) -> Output {
    let mut child = command.spawn().expect("start server");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if child.try_wait().expect("poll server").is_some() {
            return child.wait_with_output().expect("collect output");
        }
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("server kept running although its start-up should fail");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn assert_one_clear_line(output: &Output, must_name: &str) {
    assert!(!output.status.success(), "exit status must report failure");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "exactly one line on stderr, got: {stderr}");
    let line = lines[0];
    assert!(line.starts_with("启动失败："), "Chinese first: {line}");
    assert!(line.contains("Startup failed:"), "then English: {line}");
    assert!(line.contains(must_name), "names {must_name}: {line}");
    assert!(!line.contains("panicked"), "no panic: {line}");
}

#[test]
fn invalid_settings_file() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("Leptos.toml"), "[server]\naddr = 3000\n").expect("write settings");
    let output = run_to_exit(server(&dir, &[]));
    assert_one_clear_line(&output, "Leptos.toml");
}

#[test]
fn unreadable_settings_file() {
    let dir = tempfile::tempdir().expect("temporary folder");
    // A folder where the file should be cannot be read as text.
    std::fs::create_dir(dir.path().join("Leptos.toml")).expect("create folder");
    let output = run_to_exit(server(&dir, &[]));
    assert_one_clear_line(&output, "Leptos.toml");
}

#[test]
fn unreachable_database() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let port = free_port();
    let url = format!("postgres://postgres:secret@127.0.0.1:{port}/nothing");
    let output = run_to_exit(server(&dir, &[("DATABASE_URL", url)]));
    assert_one_clear_line(&output, "DATABASE_URL");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("secret"), "password must not be printed: {stderr}");
}

#[test]
fn port_in_use() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let addr = taken.local_addr().expect("bound address").to_string();
    let output = run_to_exit(server(&dir, &[("XIEYU_SERVER_ADDR", addr)]));
    assert_one_clear_line(&output, "XIEYU_SERVER_ADDR");
}

#[test]
fn sigterm_stops_gracefully() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let port = free_port();
    let mut child = server(&dir, &[("XIEYU_SERVER_ADDR", format!("127.0.0.1:{port}"))])
        .spawn()
        .expect("start server");

    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "server did not start listening");
        assert!(child.try_wait().expect("poll").is_none(), "server exited early");
        std::thread::sleep(Duration::from_millis(50));
    }

    let pid = i32::try_from(child.id()).expect("pid fits i32");
    // SAFETY: kill(2) with a pid we own and a valid signal number.
    let sent = unsafe { libc::kill(pid, libc::SIGTERM) };
    assert_eq!(sent, 0, "SIGTERM delivered");

    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll server") {
            break status;
        }
        assert!(Instant::now() < deadline, "server did not stop after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "clean exit after SIGTERM: {status}");

    let mut log = String::new();
    child.stdout.take().expect("stdout").read_to_string(&mut log).ok();
    assert!(log.contains("xieyu stopped"), "shutdown is logged: {log}");
}
