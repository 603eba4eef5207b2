use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use yanxiu::check::CheckOptions;
use yanxiu::commands::{self, BuildArgs, CheckArgs, CreditsArgs, CreditsFormat, Format};
use yanxiu::report::human::Style;
use yanxiu::scaffold::{self, InitArgs, NewArgs};
use yanxiu::serve::{self, ServeArgs};

// Building a site makes and frees millions of small strings on every core; mimalloc does that
// faster than the system allocator and returns freed memory instead of keeping per-thread arenas.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "yanxiu",
    version,
    about = "研修：校本研修档案的检查、学时统计与网站生成",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_value_name = "命令"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
}

/// The command line, or a Chinese message and exit 2 when it is wrong (clap's own messages
/// are English), and help in Chinese.
fn parse_cli() -> Cli {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    // `yanxiu help [命令]`, as many tools take it.
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    let err = match Cli::try_parse_from(args.clone()) {
        Ok(cli) => return cli,
        Err(e) => e,
    };
    let get = |k: ContextKind| match err.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        _ => String::new(),
    };
    let (message, hint) = match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            print!("{}", chinese_help(&err.render().to_string()));
            std::process::exit(
                if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                    2
                } else {
                    0
                },
            );
        }
        ErrorKind::InvalidSubcommand => (
            format!("没有“{}”这个命令", get(ContextKind::InvalidSubcommand)),
            match get(ContextKind::SuggestedSubcommand) {
                s if !s.is_empty() => format!("是不是 yanxiu {s}？"),
                _ => "可用的命令：check、build、credits、serve、new、init".to_string(),
            },
        ),
        ErrorKind::UnknownArgument if let Some(said) = several_for_check(&args) => said,
        ErrorKind::UnknownArgument => {
            let arg = get(ContextKind::InvalidArg);
            let suggested = get(ContextKind::SuggestedArg);
            let hint = if !suggested.is_empty() {
                format!("是不是 {suggested}？")
            } else if !arg.starts_with('-') {
                "标题或姓名中有空格时，请给它加上引号，如 \"我的 反思\"".to_string()
            } else {
                "运行时加 --help 可查看这个命令的用法".to_string()
            };
            (format!("无法识别命令行中的“{arg}”"), hint)
        }
        ErrorKind::MissingRequiredArgument => (
            format!("缺少 {}", get(ContextKind::InvalidArg)),
            "运行时加 --help 可查看这个命令的用法".to_string(),
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = get(ContextKind::ValidValue);
            (
                format!(
                    "{} 不能是“{}”",
                    get(ContextKind::InvalidArg),
                    get(ContextKind::InvalidValue)
                ),
                if valid.is_empty() {
                    "运行时加 --help 可查看这个命令的用法".to_string()
                } else {
                    format!("可以是：{valid}")
                },
            )
        }
        _ => (
            format!(
                "命令行有误：{}",
                err.render().to_string().lines().next().unwrap_or("")
            ),
            "运行时加 --help 可查看这个命令的用法".to_string(),
        ),
    };
    eprintln!("错误: {message}\n提示: {hint}");
    std::process::exit(2);
}

/// `yanxiu check a.md b.md`: check takes one archive folder or one record file. The message
/// and hint for it, with a command for each path given; `None` for any other command line, or
/// when the words are one path with a space in it (`check 我的 反思.md`), which wants quotes.
fn several_for_check(args: &[std::ffi::OsString]) -> Option<(String, String)> {
    let words: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if words.first().map(String::as_str) != Some("check") {
        return None;
    }
    // The paths, and the options to repeat in each command.
    let mut paths = Vec::new();
    let mut options = Vec::new();
    let mut rest = words[1..].iter();
    while let Some(w) = rest.next() {
        if w == "--format" {
            options.push(w.clone());
            options.extend(rest.next().cloned());
        } else if w.starts_with('-') {
            options.push(w.clone());
        } else {
            paths.push(w.as_str());
        }
    }
    if paths.len() < 2 || std::path::Path::new(&paths.join(" ")).exists() {
        return None;
    }
    let message = format!(
        "check 一次只检查一个档案文件夹或一份记录文件，这里写了 {} 个：{}",
        paths.len(),
        paths.join("、")
    );
    let whole = "要检查整个档案（其中全部记录），只写档案文件夹，或在档案中直接运行 yanxiu check";
    // A command each for what check takes alone: records, and archives (a folder inside one,
    // like 2024-2025/, is not).
    let each: Vec<String> = paths
        .iter()
        .filter(|p| {
            yanxiu::archive::markdown_stem(p).is_some()
                || std::path::Path::new(p)
                    .join(yanxiu::config::CONFIG_FILE)
                    .is_file()
        })
        .map(|p| {
            let mut command = vec!["yanxiu check".to_string()];
            command.extend(options.iter().cloned());
            command.push(commands::quoted(p));
            format!("  {}", command.join(" "))
        })
        .collect();
    let hint = if each.is_empty() {
        format!("{whole}。")
    } else {
        format!("{whole}；要分别检查，逐个运行：\n{}", each.join("\n"))
    };
    Some((message, hint))
}

/// clap's help with its English headings and notes in Chinese.
fn chinese_help(help: &str) -> String {
    help.replace("Usage:", "用法:")
        .replace("Commands:", "命令:")
        .replace("Arguments:", "参数:")
        .replace("Options:", "选项:")
        .replace("[default: ", "[默认: ")
        .replace("[possible values: ", "[可选: ")
        .replace("[OPTIONS]", "[选项]")
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum CreditsOutput {
    Table,
    Csv,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// 检查档案，生成网站与 data/ 下的学时、检查数据文件
    Build {
        /// 档案文件夹（默认为当前文件夹，或含有 yanxiu.yaml 的上级文件夹）
        #[arg(value_name = "档案")]
        dir: Option<PathBuf>,
        /// 输出文件夹（默认为 档案/public）
        #[arg(short = 'o', long = "out", value_name = "输出")]
        out: Option<PathBuf>,
        /// 有错误时不生成，以退出码 1 结束
        #[arg(long)]
        strict: bool,
        /// 同时发布标为“内部”的记录正文
        #[arg(long)]
        include_private: bool,
        /// 只用 ASCII 字符画框线
        #[arg(long)]
        ascii: bool,
    },
    /// 学时统计：每位教师每学年的学时，可追溯到每一条记录
    Credits {
        /// 档案文件夹（默认为当前文件夹，或含有 yanxiu.yaml 的上级文件夹）
        #[arg(value_name = "档案")]
        dir: Option<PathBuf>,
        /// 只看某一学年，如 2024-2025
        #[arg(long, value_name = "学年")]
        year: Option<String>,
        /// 只看某位教师的明细（同名教师写编号）
        #[arg(long, value_name = "姓名")]
        teacher: Option<String>,
        /// 输出格式
        #[arg(long, value_enum, default_value = "table", value_name = "格式")]
        format: CreditsOutput,
    },
    /// 本机预览：生成网站并在 127.0.0.1 上打开，档案改动后自动更新、刷新页面
    Serve {
        /// 档案文件夹（默认为当前文件夹，或含有 yanxiu.yaml 的上级文件夹）
        #[arg(value_name = "档案")]
        dir: Option<PathBuf>,
        /// 端口（默认 8765，被占用时依次试后面的端口）
        #[arg(long, value_name = "端口")]
        port: Option<u16>,
        /// 同时预览标为“内部”的记录正文
        #[arg(long)]
        include_private: bool,
        /// 只用 ASCII 字符画框线
        #[arg(long)]
        ascii: bool,
    },
    /// 新建一份记录：放在今天所在学年的相应文件夹，写好该类记录要填的字段
    New {
        /// 记录类型：计划、总结、活动、反思、听课、课题（或英文 plan、session…）
        #[arg(value_name = "类型")]
        kind: String,
        /// 标题
        #[arg(value_name = "标题")]
        title: Option<String>,
        /// 作者（反思、听课必填；活动为主讲人，课题为负责人）
        #[arg(long, value_name = "姓名")]
        author: Option<String>,
        /// 档案文件夹（默认为当前文件夹，或含有 yanxiu.yaml 的上级文件夹）
        #[arg(long, value_name = "档案")]
        dir: Option<PathBuf>,
        /// 只用 ASCII 字符画框线
        #[arg(long)]
        ascii: bool,
    },
    /// 新建档案：配置、教师名册、本学年的计划和文件夹
    Init {
        /// 档案文件夹（不存在时新建）
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// 学校名称
        #[arg(long, value_name = "学校名称")]
        school: Option<String>,
    },
    /// 检查档案：列出所有问题和未达到的规定项目，不写任何文件
    Check {
        /// 档案文件夹（默认为当前文件夹，或含有 yanxiu.yaml 的上级文件夹）；写一份记录的
        /// .md 文件时，仍检查整个档案，但只显示这份记录的问题，退出码也只看它
        #[arg(value_name = "档案或记录")]
        dir: Option<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value = "human", value_name = "格式")]
        format: CheckFormat,
        /// 有警告也以退出码 1 结束
        #[arg(long)]
        deny_warnings: bool,
        /// 有未达到的规定项目也以退出码 1 结束（只检查一份记录时不适用）
        #[arg(long)]
        require_complete: bool,
        /// 只用 ASCII 字符画框线（适合中文 Windows 控制台）
        #[arg(long)]
        ascii: bool,
    },
}

/// How diagnostics are drawn: colours only for a terminal, box lines in ASCII on request and on
/// Windows (whose consoles lack them).
fn style(color: bool, ascii: bool) -> Style {
    Style {
        color,
        ascii: ascii || cfg!(windows),
    }
}

fn main() {
    let cli = parse_cli();
    let json = matches!(
        cli.command,
        Command::Check {
            format: CheckFormat::Json,
            ..
        } | Command::Credits {
            format: CreditsOutput::Json,
            ..
        }
    );
    let stdout_color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let result = match cli.command {
        Command::Build {
            dir,
            out,
            strict,
            include_private,
            ascii,
        } => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let args = BuildArgs {
                dir: yanxiu::archive::locate(dir),
                out,
                strict,
                include_private,
                style: style(color, ascii),
            };
            commands::build(&args, &mut std::io::stderr())
        }
        Command::Serve {
            dir,
            port,
            include_private,
            ascii,
        } => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let args = ServeArgs {
                dir: yanxiu::archive::locate(dir),
                port,
                include_private,
                style: style(color, ascii),
            };
            serve::serve(&args, &mut std::io::stderr())
        }
        Command::New {
            kind,
            title,
            author,
            dir,
            ascii,
        } => {
            let args = NewArgs {
                dir: yanxiu::archive::locate(dir),
                kind,
                title,
                author,
                style: style(stdout_color, ascii),
            };
            scaffold::new_record(&args, &mut std::io::stdout().lock())
        }
        Command::Init { dir, school } => {
            let args = InitArgs {
                dir,
                school,
                today: CheckOptions::from_env().today,
            };
            scaffold::init(&args, &mut std::io::stdout().lock())
        }
        Command::Credits {
            dir,
            year,
            teacher,
            format,
        } => {
            let args = CreditsArgs {
                dir: yanxiu::archive::locate(dir),
                year,
                teacher,
                format: match format {
                    CreditsOutput::Table => CreditsFormat::Table,
                    CreditsOutput::Csv => CreditsFormat::Csv,
                    CreditsOutput::Json => CreditsFormat::Json,
                },
                color: stdout_color,
            };
            commands::credits(
                &args,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            )
        }
        Command::Check {
            dir,
            format,
            deny_warnings,
            require_complete,
            ascii,
        } => {
            let stdout = std::io::stdout();
            let color = stdout_color;
            let args = CheckArgs {
                dir: yanxiu::archive::locate(dir),
                format: match format {
                    CheckFormat::Human => Format::Human,
                    CheckFormat::Json => Format::Json,
                },
                deny_warnings,
                require_complete,
                style: style(color, ascii),
            };
            commands::check(&args, &mut stdout.lock())
        }
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            if json {
                print!("{}", commands::fatal_json(&e));
            }
            eprint!("{}", commands::describe_fatal(&e));
            commands::EXIT_CANNOT_RUN
        }
    };
    std::process::exit(code);
}
