use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use yanxiu::commands::{self, CheckArgs, Format};
use yanxiu::report::human::Style;

#[derive(Parser)]
#[command(
    name = "yanxiu",
    version,
    about = "研修：校本研修档案的检查、学时统计与网站生成"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// 检查档案：列出所有问题和未达到的规定项目，不写任何文件
    Check {
        /// 档案文件夹
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// 输出格式
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// 有警告也以退出码 1 结束
        #[arg(long)]
        deny_warnings: bool,
        /// 有未达到的规定项目也以退出码 1 结束
        #[arg(long)]
        require_complete: bool,
        /// 只用 ASCII 字符画框线（适合中文 Windows 控制台）
        #[arg(long)]
        ascii: bool,
    },
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            dir,
            format,
            deny_warnings,
            require_complete,
            ascii,
        } => {
            let stdout = std::io::stdout();
            let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let args = CheckArgs {
                dir,
                format: match format {
                    CheckFormat::Human => Format::Human,
                    CheckFormat::Json => Format::Json,
                },
                deny_warnings,
                require_complete,
                style: Style {
                    color,
                    ascii: ascii || cfg!(windows),
                },
            };
            commands::check(&args, &mut stdout.lock())
        }
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", commands::describe_fatal(&e));
            commands::EXIT_CANNOT_RUN
        }
    };
    std::process::exit(code);
}
