// Readable Chinese labels (with English where researchers need it) for the graph's
// node types, relationship types, property names and vocabulary codes. The API also
// sends *_zh names; those win over the fallbacks here.

export const NODE_TYPES = {
  policy: { zh: "政策", en: "policy" },
  section: { zh: "章节", en: "section" },
  clause: { zh: "条款", en: "clause" },
  department: { zh: "部门", en: "department" },
  function: { zh: "职能", en: "function" },
  region: { zh: "地区", en: "region" },
  beneficiary: { zh: "受益对象", en: "beneficiary" },
  instrument: { zh: "政策工具", en: "instrument" },
  instrument_type: { zh: "工具类型", en: "instrument type" },
  target: { zh: "目标", en: "target" },
  cited: { zh: "引用文件", en: "cited document" },
  other: { zh: "其他", en: "other" },
};

/** Canonical node type key from an API type or label ("BeneficiaryType" → "beneficiary"). */
export function nodeType(type) {
  const t = String(type || "").toLowerCase().replace(/[^a-z]/g, "");
  const map = {
    policy: "policy", section: "section", clause: "clause", department: "department", dept: "department",
    function: "function", region: "region", beneficiarytype: "beneficiary", beneficiary: "beneficiary",
    instrument: "instrument", instrumenttype: "instrument_type", target: "target",
    citeddocument: "cited", cited: "cited",
  };
  return map[t] || "other";
}

export const typeName = (key) => {
  const t = NODE_TYPES[key] || NODE_TYPES.other;
  return `${t.zh} ${t.en}`;
};

export const REL_TYPES = {
  HAS_SECTION: "包含章节 has section",
  HAS_CLAUSE: "包含条款 has clause",
  RESPONSIBLE_FOR: "责任单位 responsible for",
  MENTIONS: "提及 mentions",
  PROVIDES: "提供工具 provides",
  FOR: "受益对象 for",
  ADDRESSES: "面向 addresses",
  OF_TYPE: "类型 of type",
  HAS_FUNCTION: "职能 has function",
  IN_REGION: "所在地区 in region",
  ISSUED_BY: "发文机关 issued by",
  CITES: "引用 cites",
  SIMILAR_TO: "相似 similar to",
  PART_OF: "隶属 part of",
  SETS: "设定目标 sets",
};

export const FUNCTIONS = {
  science_tech: "科技", finance: "财政", education: "教育", human_resources: "人力资源社会保障",
  talent: "人才", state_assets: "国有资产", market_ip: "市场监管/知识产权", health: "卫生健康",
  industry_it: "经济和信息化", development_reform: "发展改革", agriculture: "农业农村",
  financial_regulation: "金融监管", taxation: "税务", audit: "审计", judicial: "司法",
  association: "协会/社团", statistics: "统计", data: "数据", natural_resources: "自然资源",
  environment: "生态环境", civil_affairs: "民政", general_office: "办公厅(室)",
  local_government: "地方政府", development_zone: "开发区/管委会", university_institute: "高校院所",
  state_enterprise: "国有企业", other: "其他",
};

export const BENEFICIARIES = {
  enterprise: "企业", state_owned_enterprise: "国有企业", university_institute: "高校院所", researcher: "科研人员",
  tech_broker: "技术经纪人", tech_transfer_agency: "技术转移机构", financial_institution: "金融机构",
  investment_fund: "投资基金", platform: "创新平台与载体", talent_team: "人才团队", medical_institution: "医疗卫生机构",
  new_rd_institution: "新型研发机构", local_government: "地方政府",
};

export const INSTRUMENT_TYPES = {
  reward: "奖励", subsidy: "补助补贴", post_subsidy: "后补助", interest_subsidy: "贴息",
  equity_investment_reward: "投资奖励", loss_compensation: "损失补偿与风险补偿", fund: "基金",
  special_fund: "专项资金", credit_loan: "信贷", guarantee_insurance: "担保与保险", voucher: "创新券",
  tax_incentive: "税收优惠", income_share: "收益分配与激励", rights_grant: "赋权", procurement: "政府采购与首购首用",
  income_retention: "收益留归单位", disposal_right: "自主转化处置权",
  application_scenario: "应用场景与示范", platform_service: "平台服务", event: "对接活动与赛事",
  talent_programme: "人才计划", training: "培训教育", fault_tolerance: "尽职免责",
};

let vocabReady = null;

/**
 * Fill FUNCTIONS, BENEFICIARIES and INSTRUMENT_TYPES from the server's vocabularies
 * (GET /api/v1/graph/vocabularies, read from loaders/data/*.json), once; the tables above
 * are the fallback when the server does not answer.
 */
export function loadVocabularies() {
  if (!vocabReady) {
    vocabReady = fetch("/api/v1/graph/vocabularies", { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : {}))
      .then((v) => {
        Object.assign(FUNCTIONS, v.functions || {});
        Object.assign(BENEFICIARIES, v.beneficiaries || {});
        Object.assign(INSTRUMENT_TYPES, v.instrument_types || {});
        return v;
      })
      .catch(() => ({}));
  }
  return vocabReady;
}

export const CATEGORIES = { supply: "供给型 supply", environment: "环境型 environment", demand: "需求型 demand" };
export const LEVELS = { province: "省级 province", city: "市级 city", county: "县级 county" };
export const SCOPES = {
  per_entity_per_year: "每家每年 per entity per year", per_project: "每个项目 per project",
  per_entity: "每家 per entity", per_person: "每人 per person", per_year: "每年 per year", total: "总额 total",
};
export const ROLES = { lead: "牵头 lead", co: "配合 co-responsible", mentioned: "提及 mentioned", funding: "出资 funding", implementing: "实施 implementing" };

// Property name → label. Properties not listed are shown with their own name.
export const PROPS = {
  id: "标识 id", title: "标题 title", doc_number: "文号 document number", issuer: "发文机关 issuer",
  date: "发布日期 date", effective_from: "施行日期 effective from", effective_until: "有效期至 effective until",
  region: "地区 region", province: "省份 province", level: "层级 level", interpreter: "解释机关 interpreting authority",
  source: "来源文件 source file", source_key: "来源键 source key", format: "格式 format", encoding: "编码 encoding",
  warnings: "读取警告 warnings", clause_count: "条款数 clauses", kind: "类别 kind", label: "编号 label",
  heading: "标题 heading", text: "原文 text", text_simplified: "简体原文 simplified text", keywords: "关键词 keywords",
  order: "顺序 order", path: "路径 path", policy_id: "所属政策 policy", name: "名称 name", names: "名称(原文) names as written",
  canonical: "规范名称 canonical name", function: "职能 function", function_zh: "职能 function", code: "代码 code",
  name_zh: "中文名 Chinese name", type: "类型 type", type_zh: "类型 type", category: "类别 category",
  beneficiary: "受益对象 beneficiary", beneficiary_zh: "受益对象 beneficiary", rate: "比例 rate",
  rate_min: "最低比例 min rate", rate_max: "最高比例 max rate", cap_yuan: "上限 cap", amount_yuan: "金额 amount",
  threshold_yuan: "门槛 threshold", scope: "适用范围 scope", basis: "计算基数 basis", duration_years: "期限(年) years",
  caps: "全部上限 caps", start: "起始位置 start", end: "结束位置 end", orig_start: "原文起始 source start",
  orig_end: "原文结束 source end", provision: "分项 provision", metric: "指标 metric", value: "目标值 value",
  unit: "单位 unit", year: "年份 year", comparator: "比较 comparator", key: "键 key", lead_count: "牵头次数 lead count",
  co_count: "配合次数 co count", sha256: "SHA-256", content_hash: "内容哈希 content hash",
  responsible: "责任单位 responsible units", departments: "责任单位 responsible units", clause_label: "条款 clause",
  policy_title: "政策 policy", clause_id: "条款 clause",
};

export const propName = (key) => PROPS[key] || key;
export const functionName = (code, zh) => (zh && zh !== code ? zh : FUNCTIONS[code] || zh || code || "—");
export const beneficiaryName = (code, zh) => (zh && zh !== code ? zh : BENEFICIARIES[code] || zh || code || "—");
export const instrumentTypeName = (code, zh) => (zh && zh !== code ? zh : INSTRUMENT_TYPES[code] || zh || code || "—");

const clip = (s, n) => {
  const str = String(s ?? "").replace(/\s+/g, " ").trim();
  return str.length > n ? str.slice(0, n) + "…" : str;
};

/** A policy's short title: the title without its issuer's preamble, clipped. */
export function policyShortTitle(title, n = 14) {
  return clip(String(title || "").replace(/^关于(印发)?/, "").replace(/的通知$/, ""), n);
}

/** A target's words: "技术合同成交额 100亿元". */
function targetText(p) {
  return [p.metric, p.value !== undefined && p.value !== null ? `${p.value}${p.unit || ""}` : ""].filter(Boolean).join(" ");
}

/**
 * The human label of a graph node, never its raw id: a policy's short title, a clause's
 * label with its heading and policy, a department's name, a vocabulary code's Chinese name.
 * policyTitle(id) gives the title of a policy already known to the page (or null).
 */
export function nodeLabel(node, policyTitle = () => null) {
  const p = node.properties || {};
  const t = nodeType(node.type);
  const own = (s) => s && !/^[a-z_]+:/.test(String(s)) ? String(s) : "";
  const policyName = p.policy_id ? policyTitle(p.policy_id) : null;
  const withPolicy = (head) => [head, policyName ? `《${policyShortTitle(policyName, 12)}》` : ""].filter(Boolean).join(" ");
  switch (t) {
    case "policy": return p.title || own(node.title) || own(node.label) || p.doc_number || "政策";
    case "section":
    case "clause": {
      const head = [p.label, p.heading].filter(Boolean).join(" ") || clip(p.text, 12) || (t === "clause" ? "条款" : "章节");
      return withPolicy(head);
    }
    case "department": return p.name || p.canonical || own(node.label) || "部门";
    case "function": return FUNCTIONS[p.code] || p.name_zh || p.code || "职能";
    case "beneficiary": return BENEFICIARIES[p.code] || p.name_zh || p.code || "受益对象";
    case "instrument_type": return INSTRUMENT_TYPES[p.code] || p.name_zh || p.code || "工具类型";
    case "instrument": {
      const name = INSTRUMENT_TYPES[p.type] || p.type_zh || p.type || "政策工具";
      const who = p.beneficiary ? ` · ${BENEFICIARIES[p.beneficiary] || p.beneficiary}` : "";
      return withPolicy(`${name}${who}${p.clause_label ? ` ${p.clause_label}` : ""}`);
    }
    case "target": return targetText(p) || clip(p.text, 14) || "目标";
    case "cited": return p.title || p.doc_number || own(node.label) || "引用文件";
    case "region": return p.name || own(node.label) || "地区";
    default: return own(node.label) || own(node.title) || p.name || p.title || typeName(t);
  }
}

/** nodeLabel clipped for drawing inside the graph. */
export function shortNodeLabel(node, policyTitle, n = 14) {
  return clip(nodeLabel(node, policyTitle), n);
}
