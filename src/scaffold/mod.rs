//! `yanxiu init` and `yanxiu new`: files a school or a teacher starts from. Both only create
//! files that do not exist yet; neither overwrites or deletes anything.

mod record;

pub use record::{NewArgs, new_record};

use crate::commands::EXIT_OK;
use crate::dates::SchoolCalendar;
use crate::error::FatalError;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct InitArgs {
    pub dir: PathBuf,
    /// The school's name; a placeholder to replace when absent.
    pub school: Option<String>,
    pub today: chrono::NaiveDate,
}

/// Written when no name is given: `check` and the site show it until it is replaced.
pub const SCHOOL_PLACEHOLDER: &str = "（请填写学校名称）";

/// Creates an archive's skeleton in `dir`: the configuration, an empty roster, this school
/// year's plan and its folders. Refuses a folder that already holds an archive.
pub fn init(args: &InitArgs, log: &mut dyn Write) -> Result<i32, FatalError> {
    let dir = &args.dir;
    for existing in ["yanxiu.yaml", "teachers.yaml"] {
        if dir.join(existing).exists() {
            return Err(FatalError::Output(format!(
                "{} 中已有 {existing}，这里已经是一个档案，未做任何改动。\n提示: 新建记录请用 yanxiu new，例如 yanxiu new 反思 \"标题\" --author 姓名",
                dir.display()
            )));
        }
    }
    // An archive inside an archive would be read twice over by the outer one.
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.clone());
    if let Some(outer) = crate::archive::archive_above(&absolute) {
        return Err(FatalError::Output(format!(
            "{} 在档案 {} 之中，不能在档案里再建一个档案，未做任何改动。\n提示: 新建记录请用 yanxiu new，例如 yanxiu new 反思 \"标题\" --author 姓名",
            dir.display(),
            outer.display()
        )));
    }
    let school = args
        .school
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(SCHOOL_PLACEHOLDER);
    let year = SchoolCalendar::default().school_year_of(args.today);
    let mut made = Vec::new();
    let mut put = |rel: &str, text: String| -> Result<(), FatalError> {
        if create_new(&dir.join(rel), &text)? {
            made.push(rel.to_string());
        }
        Ok(())
    };
    put("yanxiu.yaml", config_text(school))?;
    put("teachers.yaml", ROSTER.to_string())?;
    put(
        &format!("{year}/计划.md"),
        plan_text(school, &year.to_string()),
    )?;
    put(".gitignore", "# yanxiu build 生成的网站\npublic/\n".into())?;
    for folder in ["活动", "反思", "听课", "课题"] {
        make_folder(&dir.join(year.to_string()).join(folder))?;
    }
    make_folder(&dir.join("附件"))?;

    let mut text = format!("已在 {} 新建档案：\n", dir.display());
    for rel in &made {
        text.push_str(&format!("  {rel}\n"));
    }
    text.push_str(&format!(
        "  {year}/活动/ {year}/反思/ {year}/听课/ {year}/课题/ 附件/（空文件夹）\n\n接下来：\n"
    ));
    let mut step = 1;
    if school == SCHOOL_PLACEHOLDER {
        text.push_str(&format!(
            "  {step}. 在 yanxiu.yaml 中把 学校 改为本校名称；\n"
        ));
        step += 1;
    }
    text.push_str(&format!(
        "  {step}. 在 teachers.yaml 中填写教师名册；\n  {}. 修改 {year}/计划.md 中的研修计划；\n  {}. 新建记录：yanxiu new 活动 \"集体备课\"，yanxiu new 反思 \"标题\" --author 姓名；\n  {}. 边写边看：yanxiu serve；检查：yanxiu check。\n",
        step + 1,
        step + 2,
        step + 3
    ));
    log.write_all(text.as_bytes())
        .map_err(|e| FatalError::Output(e.to_string()))?;
    Ok(EXIT_OK)
}

/// Writes `text` to `path` unless something is there; true when written.
pub(crate) fn create_new(path: &Path, text: &str) -> Result<bool, FatalError> {
    if let Some(parent) = path.parent() {
        make_folder(parent)?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => f
            .write_all(text.as_bytes())
            .map(|_| true)
            .map_err(|source| FatalError::Write {
                path: path.to_path_buf(),
                source,
            }),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(source) => Err(FatalError::Write {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn make_folder(path: &Path) -> Result<(), FatalError> {
    std::fs::create_dir_all(path).map_err(|source| FatalError::Write {
        path: path.to_path_buf(),
        source,
    })
}

fn config_text(school: &str) -> String {
    // A name YAML would misread (`青溪: "分校" #1`) is written quoted, or the next check stops.
    let title = record::yaml_text(&format!("{school}校本研修档案"));
    let school = record::yaml_text(school);
    format!(
        "# 校本研修档案的配置（yanxiu）。键名可用英文或中文别名，同一个键只写一种。
学校: {school}
# 标题: {title}   # 网站标题，默认为“学校名称 + 校本研修档案”
# 地区: 某某省某某县
school_year_start: \"09-01\"       # 学年开始日
second_semester_start: \"02-01\"   # 第二学期开始日
preset: default                  # 规则预设：default 或 zhejiang-2019
# rules:                         # 按预设的结构覆盖其中的规则，例如：
#   annual_min_hours: 24
"
    )
}

const ROSTER: &str = "# 教师名册：每位教师一项，去掉行首的 # 即可。有同名教师时须写编号；
# 电话等其他信息可以写，但不会出现在网站上。
教师:
# - 姓名: 王丽
#   编号: T017
#   教研组: 语文组
#   角色: [班主任, 骨干教师]
#   入职: 2019-09-01
";

fn plan_text(school: &str, year: &str) -> String {
    let school = if school == SCHOOL_PLACEHOLDER {
        ""
    } else {
        school
    };
    let title = record::yaml_text(&format!("{school}{year}学年校本研修计划"));
    format!(
        "---
标题: {title}
类型: 计划
学年: \"{year}\"
# 活动安排：每项一行，序号供活动记录的 计划项 引用
活动安排:
  - 序号: \"1\"
    内容: 新学期集体备课
    时间: 9月
    对象: 全体教师
    负责部门: 教导处
---

## 指导思想

## 研修目标

## 主要措施
"
    )
}
