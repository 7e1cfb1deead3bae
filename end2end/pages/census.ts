import { expect, type Locator, type Page } from "@playwright/test";

/** Column headers of the census template, in order. */
const HEADERS = [
  "资源单位名称",
  "资源名称",
  "资源类型",
  "主题",
  "适合学段",
  "所在地区",
  "详细地址",
  "经度",
  "纬度",
  "坐标系",
  "联系人",
  "联系电话",
  "开放时间",
  "团体接待人数上限",
  "费用",
  "特色优势",
  "服务内容",
  "无障碍与安全说明",
];

/** A real Beijing museum: name, type, themes, region, address, GCJ-02 point. */
const MUSEUMS: [string, string, string, string, string, number, number][] = [
  ["中国国家博物馆", "博物馆", "文化传承、红色教育", "北京市东城区", "北京市东城区东长安街16号", 116.4013, 39.9051],
  ["故宫博物院", "博物馆", "文化传承", "北京市东城区", "北京市东城区景山前街4号", 116.3972, 39.9163],
  ["首都博物馆", "博物馆", "文化传承", "北京市西城区", "北京市西城区复兴门外大街16号", 116.3424, 39.907],
  ["北京自然博物馆", "博物馆", "科学探究", "北京市东城区", "北京市东城区天桥南大街126号", 116.4035, 39.8826],
  ["北京天文馆", "科技馆", "科学探究", "北京市西城区", "北京市西城区西直门外大街138号", 116.3368, 39.9363],
  ["中国美术馆", "美术馆", "艺术体验、文化传承", "北京市东城区", "北京市东城区五四大街1号", 116.4097, 39.9254],
];

/** Sheet rows of the museums; `suffix` keeps names apart between runs that share a database. */
export function museumRows(suffix: string): string[][] {
  return MUSEUMS.map(([name, kind, themes, region, address, lng, lat], i) => [
    "中国科学技术馆（演示）",
    `${name}（${suffix}）`,
    kind,
    themes,
    "小学高年级、初中、高中",
    region,
    address,
    lng.toFixed(4),
    lat.toFixed(4),
    "GCJ-02",
    "王老师",
    `010-600000${String(i + 1).padStart(2, "0")}`,
    "周二至周日 9:00-17:00（16:30 停止入馆），周一闭馆（法定节假日除外）",
    "200",
    "免费",
    "",
    "展厅讲解，团体参观需提前预约",
    "",
  ]);
}

/**
 * The same rows with mistakes: an unknown type in row 3, an invalid phone
 * in row 4, a misspelt region in row 5, and row 8 repeating row 2.
 */
export function brokenRows(suffix: string): string[][] {
  const rows = museumRows(suffix).map((row) => [...row]);
  rows[1][2] = "动物园";
  rows[2][11] = "12345";
  rows[3][5] = "北京市海定区";
  rows.push([...rows[0]]);
  return rows;
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows under the template's header as UTF-8 CSV. */
export function csvOf(rows: string[][]): Buffer {
  const lines = [HEADERS, ...rows].map((row) => row.map(csvCell).join(","));
  return Buffer.from(lines.join("\r\n") + "\r\n", "utf8");
}

/** `/provider/census` and the result page of an upload. */
export class CensusPage {
  readonly errors: Locator;
  readonly confirm: Locator;

  constructor(readonly page: Page) {
    this.errors = page.getByTestId("census-errors");
    this.confirm = page.getByRole("button", { name: "确认导入" });
  }

  async upload(fileName: string, content: Buffer) {
    await this.page.goto("/provider/census");
    await this.page.getByLabel("普查表文件").setInputFiles({ name: fileName, mimeType: "text/csv", buffer: content });
    await this.page.getByRole("button", { name: "上传并检查" }).click();
    await expect(this.page).toHaveURL(/\/provider\/census\/[A-Za-z0-9_-]{43}$/);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("普查表检查结果");
  }

  /** The error table row of a sheet row number. */
  errorRow(sheetRow: number): Locator {
    return this.errors.getByRole("row").filter({ has: this.page.getByRole("cell", { name: String(sheetRow), exact: true }) });
  }
}
