//! Command line: `xieyu [serve | migrate] [--config FILE]`.

use std::path::PathBuf;

use super::config;
use super::startup_error::StartupError;

const USAGE: &str = "\
用法 / Usage: xieyu [命令 command] [--config 文件 FILE]

命令 / Commands:
  serve          启动服务器（默认）              Start the server (default)
  migrate        迁移数据库并加载参考数据后退出    Migrate the database, load reference data, exit
  create-admin   创建平台管理员                  Create a platform admin
                 --username 用户名 [--phone 手机号] [--name 姓名]
                 密码取自环境变量 XIEYU_ADMIN_PASSWORD，否则从标准输入读取一行
                 The password comes from XIEYU_ADMIN_PASSWORD, else one line of stdin
  seed-demo      加载演示数据并列出演示账号（勿用于生产）
                 Load the demo data and print its logins (never in production)
  help           显示本说明                      Show this help

选项 / Options:
  --config FILE   设置文件，默认 Leptos.toml   Settings file, default Leptos.toml
                  也可用环境变量 XIEYU_CONFIG   Also XIEYU_CONFIG
";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve,
    Migrate,
    CreateAdmin {
        username: String,
        phone: Option<String>,
        name: String,
    },
    SeedDemo,
    Help,
    Version,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub command: Command,
    pub config: Option<PathBuf>,
}

/// Parses the arguments after the program name.
///
/// # Errors
///
/// A [`StartupError`] for an unknown command or option.
pub fn parse(args: &[String]) -> Result<Args, StartupError> {
    let mut command = None;
    let mut config = None;
    let (mut username, mut phone, mut name) = (None, None, None);
    let mut rest = args.iter();
    let value_of = |flag: &str, rest: &mut std::slice::Iter<'_, String>| {
        rest.next().cloned().ok_or_else(|| {
            StartupError::new(
                format!("{flag} 后面需要一个值"),
                format!("{flag} needs a value after it"),
            )
        })
    };

    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--config" => config = Some(PathBuf::from(value_of("--config", &mut rest)?)),
            "--username" => username = Some(value_of("--username", &mut rest)?),
            "--phone" => phone = Some(value_of("--phone", &mut rest)?),
            "--name" => name = Some(value_of("--name", &mut rest)?),
            "create-admin" if command.is_none() => {
                command = Some(Command::CreateAdmin {
                    username: String::new(),
                    phone: None,
                    name: String::new(),
                });
            }
            "seed-demo" if command.is_none() => command = Some(Command::SeedDemo),
            "-h" | "--help" | "help" => command = Some(Command::Help),
            "-V" | "--version" => command = Some(Command::Version),
            "serve" if command.is_none() => command = Some(Command::Serve),
            "migrate" if command.is_none() => command = Some(Command::Migrate),
            other => {
                return Err(StartupError::new(
                    format!("无法识别的命令或选项 “{other}”，运行 xieyu help 查看用法"),
                    format!("unknown command or option \"{other}\"; run xieyu help for usage"),
                ));
            }
        }
    }

    let command = match command.unwrap_or(Command::Serve) {
        Command::CreateAdmin { .. } => {
            let username = username.ok_or_else(|| {
                StartupError::new(
                    "create-admin 需要 --username 用户名",
                    "create-admin needs --username NAME",
                )
            })?;
            Command::CreateAdmin {
                name: name.unwrap_or_else(|| "平台管理员".to_owned()),
                username,
                phone,
            }
        }
        other => other,
    };
    Ok(Args { command, config })
}

/// Runs the command line.
///
/// # Errors
///
/// The [`StartupError`] that stopped the command.
pub async fn run(args: &[String]) -> Result<(), StartupError> {
    let args = parse(args)?;
    match args.command {
        Command::Help => {
            print!("{USAGE}");
            return Ok(());
        }
        Command::Version => {
            println!("xieyu {}", env!("CARGO_PKG_VERSION"));
            return Ok(());
        }
        _ => {}
    }

    let env = |key: &str| std::env::var(key).ok();
    let config_path = args
        .config
        .or_else(|| env("XIEYU_CONFIG").filter(|v| !v.is_empty()).map(PathBuf::from));
    let settings = config::load(config_path.as_deref(), &env)?;
    super::telemetry::init(&settings.log)?;

    match args.command {
        Command::Migrate => {
            let db = super::serve::prepare_database(&settings).await?;
            db.close().await;
            tracing::info!("database is up to date");
            Ok(())
        }
        Command::CreateAdmin { username, phone, name } => {
            let db = super::serve::prepare_database(&settings).await?;
            let result = crate::accounts::cli::create_admin(&db, &username, phone.as_deref(), &name).await;
            db.close().await;
            let id = result?;
            println!("已创建平台管理员 {username}（编号 {id}）。 / Platform admin {username} created (id {id}).");
            Ok(())
        }
        Command::SeedDemo => {
            let db = super::serve::prepare_database(&settings).await?;
            let result = crate::accounts::cli::seed_demo(&db).await;
            db.close().await;
            result
        }
        _ => super::serve::serve(settings).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn default_command_is_serve() {
        let parsed = parse(&[]).expect("no arguments is valid");
        assert_eq!(parsed.command, Command::Serve);
        assert_eq!(parsed.config, None);
    }

    #[test]
    fn migrate_with_config() {
        let parsed = parse(&args(&["migrate", "--config", "prod.toml"])).expect("valid arguments");
        assert_eq!(parsed.command, Command::Migrate);
        assert_eq!(parsed.config, Some(PathBuf::from("prod.toml")));
    }

    #[test]
    fn unknown_option_is_named() {
        let err = parse(&args(&["--port", "80"])).unwrap_err();
        assert!(err.to_string().contains("--port"), "{err}");
    }

    #[test]
    fn create_admin_needs_username() {
        assert!(parse(&args(&["create-admin"])).is_err());
        let parsed = parse(&args(&[
            "create-admin",
            "--username",
            "root.admin",
            "--phone",
            "13800000000",
        ]))
        .expect("valid");
        assert_eq!(
            parsed.command,
            Command::CreateAdmin {
                username: "root.admin".into(),
                phone: Some("13800000000".into()),
                name: "平台管理员".into(),
            }
        );
    }

    #[test]
    fn config_without_path_is_error() {
        assert!(parse(&args(&["--config"])).is_err());
    }
}
