//! Command line: `xieyu [serve | migrate] [--config FILE]`.

use std::path::PathBuf;

use super::config;
use super::startup_error::StartupError;

const USAGE: &str = "\
用法 / Usage: xieyu [命令 command] [--config 文件 FILE]

命令 / Commands:
  serve      启动服务器（默认）            Start the server (default)
  migrate    迁移数据库并加载参考数据后退出  Migrate the database, load reference data, exit
  help       显示本说明                    Show this help

选项 / Options:
  --config FILE   设置文件，默认 Leptos.toml   Settings file, default Leptos.toml
                  也可用环境变量 XIEYU_CONFIG   Also XIEYU_CONFIG
";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve,
    Migrate,
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
    let mut rest = args.iter();

    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--config" => {
                let value = rest.next().ok_or_else(|| {
                    StartupError::new("--config 后面需要一个文件路径", "--config needs a file path after it")
                })?;
                config = Some(PathBuf::from(value));
            }
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

    Ok(Args {
        command: command.unwrap_or(Command::Serve),
        config,
    })
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
        Command::Serve | Command::Migrate => {}
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
    fn config_without_path_is_error() {
        assert!(parse(&args(&["--config"])).is_err());
    }
}
