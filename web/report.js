// Renders an xfactor report from the JSON embedded in <script id="xf-report"> (schema:
// docs/report.md). Plain DOM + ECharts, no other library: the page must open offline from disk.
//
// Contract with tests/browser/report_check.mjs: when everything is drawn, window.__xfReport is
// {ready: true, charts: <ECharts instances drawn>, errors: [<messages>]}; every chart container
// carries data-xf-chart, every panel without data shows "no data · 无数据" and data-xf-empty.
(function () {
  'use strict';

  var state = {ready: false, charts: 0, errors: []};
  window.__xfReport = state;
  window.addEventListener('error', function (e) {
    state.errors.push(String(e.message || e.error || 'error'));
  });

  var FONT = 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", ' +
      '"Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
  var PALETTE = ['#2f6fb3', '#e0873a', '#3a9a5b', '#c0504d', '#7d5ba6', '#8c6d4f', '#d267a8',
                 '#6f7c87', '#b5a632', '#2fa3b5'];
  // China's four warning levels (I–IV): 红 red, 橙 orange, 黄 yellow, 蓝 blue.
  var LEVELS = [
    {key: 'red', en: 'Red', zh: '红色', grade: 'Level I · Ⅰ级', color: '#d62728', ink: '#fff'},
    {key: 'orange', en: 'Orange', zh: '橙色', grade: 'Level II · Ⅱ级', color: '#f28e1c', ink: '#fff'},
    {key: 'yellow', en: 'Yellow', zh: '黄色', grade: 'Level III · Ⅲ级', color: '#f2c811', ink: '#3b3000'},
    {key: 'blue', en: 'Blue', zh: '蓝色', grade: 'Level IV · Ⅳ级', color: '#1f77d4', ink: '#fff'}];
  var LEVEL_ALIASES = {
    red: 'red', '红': 'red', '红色': 'red', i: 'red', '1': 'red', 'Ⅰ': 'red',
    orange: 'orange', '橙': 'orange', '橙色': 'orange', ii: 'orange', '2': 'orange', 'Ⅱ': 'orange',
    yellow: 'yellow', '黄': 'yellow', '黄色': 'yellow', iii: 'yellow', '3': 'yellow', 'Ⅲ': 'yellow',
    blue: 'blue', '蓝': 'blue', '蓝色': 'blue', iv: 'blue', '4': 'blue', 'Ⅳ': 'blue'};
  var STATUS = {
    complete: ['complete', '完成', 'ok'], completed: ['complete', '完成', 'ok'],
    ok: ['ok', '正常', 'ok'], partial: ['partial', '部分完成', 'warn'],
    failed: ['failed', '失败', 'bad'], error: ['error', '出错', 'bad'],
    running: ['running', '运行中', 'warn']};
  var CHART_TYPES = {line: true, bar: true, heatmap: true, map: true, timeline: true};

  // ---- small helpers -------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === undefined || attrs[k] === null) return;
        if (k === 'text') node.textContent = String(attrs[k]);
        else if (k === 'cls') node.className = attrs[k];
        else if (k === 'style') node.style.cssText = attrs[k];
        else node.setAttribute(k, String(attrs[k]));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function str(v) { return v === null || v === undefined ? '' : String(v); }

  // Bilingual text: "English · 中文", either half may be missing.
  function bi(en, zh) {
    en = str(en);
    zh = str(zh);
    if (en && zh && en !== zh) return en + ' · ' + zh;
    return en || zh;
  }

  // Numbers formatted by hand (not toLocaleString) so that a report looks the same everywhere.
  function group(intText) {
    var neg = intText.charAt(0) === '-';
    var digits = neg ? intText.slice(1) : intText;
    var out = '';
    while (digits.length > 3) {
      out = ',' + digits.slice(-3) + out;
      digits = digits.slice(0, -3);
    }
    return (neg ? '-' : '') + digits + out;
  }
  function fmtNum(v) {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v !== 'number') return String(v);
    if (!isFinite(v)) return String(v);
    if (Number.isInteger(v)) return Math.abs(v) < 1e15 ? group(v.toFixed(0)) : String(v);
    var a = Math.abs(v);
    var digits = a >= 1000 ? 1 : a >= 1 ? 2 : a >= 0.01 ? 4 : 6;
    var text = v.toFixed(digits).replace(/\.?0+$/, '');
    var dot = text.indexOf('.');
    return dot < 0 ? group(text) : group(text.slice(0, dot)) + text.slice(dot);
  }
  function fmtSeconds(s) {
    if (!isNum(s)) return '—';
    if (s < 1) return (s * 1000).toFixed(s < 0.01 ? 1 : 0) + ' ms';
    if (s < 120) return s.toFixed(2) + ' s';
    return Math.floor(s / 60) + ' min ' + (s % 60).toFixed(0) + ' s';
  }
  function fmtCell(v) {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'number') return fmtNum(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  function levelOf(v) {
    var k = str(v).trim().toLowerCase();
    return LEVEL_ALIASES[k] || null;
  }
  function levelInfo(key) {
    for (var i = 0; i < LEVELS.length; i++) if (LEVELS[i].key === key) return LEVELS[i];
    return null;
  }

  function section(id, en, zh, children) {
    return el('section', {cls: 'xf-section', id: 'xf-' + id},
              [el('h2', {text: bi(en, zh)})].concat(children));
  }
  function note(en, zh, cls) { return el('p', {cls: cls || 'xf-note', text: bi(en, zh)}); }

  // A table; `cols` are [en, zh, align] and rows hold strings or DOM nodes.
  function table(cols, rows, opts) {
    opts = opts || {};
    var head = el('tr', null, cols.map(function (c) {
      return el('th', {cls: c[2] === 'num' ? 'num' : null, text: bi(c[0], c[1])});
    }));
    var body = rows.map(function (r) {
      return el('tr', {cls: r.cls || null}, r.map(function (cell, i) {
        var td = el('td', {cls: cols[i] && cols[i][2] === 'num' ? 'num' : (cols[i] && cols[i][2]) || null});
        if (cell instanceof Node) td.appendChild(cell);
        else td.textContent = cell === undefined ? '' : String(cell);
        return td;
      }));
    });
    var t = el('table', {cls: 'xf-table'}, [el('thead', null, [head]), el('tbody', null, body)]);
    return el('div', {cls: 'xf-table-wrap' + (opts.tall ? ' tall' : '')}, [t]);
  }

  function badge(text, cls, style) { return el('span', {cls: 'xf-badge ' + (cls || ''), style: style, text: text}); }
  function code(text) { return el('code', {text: text}); }

  // ---- header and run summary ----------------------------------------------------------------

  function renderHeader(r) {
    var sc = r.scenario || {};
    var g = sc.guideline || {};
    var run = r.run || {};
    var titleZh = str(sc.title_zh), titleEn = str(sc.title_en);
    document.title = (titleZh || titleEn || str(sc.name) || 'xfactor') + ' · xfactor';
    var gl = [];
    if (g.industry !== undefined || g.industry_en || g.industry_zh) {
      gl.push(el('span', {cls: 'xf-chip', text: bi('Industry ' + str(g.industry) + ' ' + str(g.industry_en),
                                                     '领域' + str(g.industry) + ' ' + str(g.industry_zh)).trim()}));
    }
    if (g.field !== undefined || g.title_en || g.title_zh) {
      gl.push(el('span', {cls: 'xf-chip', text: bi('Scenario ' + str(g.field) + ' ' + str(g.title_en),
                                                     '场景' + str(g.field) + ' ' + str(g.title_zh)).trim()}));
    }
    var st = STATUS[str(run.status).toLowerCase()] || [str(run.status) || 'unknown', '未知', 'warn'];
    return el('header', {cls: 'xf-header'}, [
      el('div', {cls: 'xf-brand', text: 'xfactor · 数据要素× run report · 运行报告'}),
      el('h1', {text: titleZh || titleEn || str(sc.name)}),
      titleZh && titleEn ? el('div', {cls: 'xf-subtitle', text: titleEn}) : null,
      el('div', {cls: 'xf-chips'}, gl.concat([
        badge(bi(st[0], st[1]), 'status-' + st[2]),
        sc.path || sc.name ? el('span', {cls: 'xf-chip mono', text: str(sc.path || sc.name)}) : null]))
    ]);
  }

  function kv(en, zh, value) {
    return el('div', {cls: 'xf-kv'}, [el('div', {cls: 'k', text: bi(en, zh)}),
                                        el('div', {cls: 'v'}, [value instanceof Node ? value : str(value) || '—'])]);
  }

  function renderSummary(r) {
    var run = r.run || {};
    var sum = r.summary || {};
    var dataKind = str(run.data);
    var dataText = dataKind === 'synthetic' ? 'synthetic · 合成数据' : dataKind === 'files' ? 'files · 文件数据' : dataKind;
    var facts = el('div', {cls: 'xf-kvs'}, [
      kv('Run', '运行编号', code(str(run.id) || '—')),
      kv('Started', '开始时间', run.started_at),
      kv('Finished', '结束时间', run.finished_at),
      kv('Duration', '耗时', fmtSeconds(run.seconds)),
      kv('Seed', '随机种子', run.seed === undefined ? '—' : String(run.seed)),
      kv('Scale', '数据规模', isNum(run.scale) ? '×' + fmtNum(run.scale) : '—'),
      kv('Data', '数据来源', dataText),
      kv('Engine', '引擎版本', run.engine_version),
      kv('Workspace', '工作区', code(str(run.workspace) || '—'))]);
    var metrics = arr(sum.metrics).map(function (m) {
      return el('div', {cls: 'xf-metric'}, [
        el('div', {cls: 'value'}, [fmtNum(m.value), m.unit ? el('span', {cls: 'unit', text: ' ' + m.unit}) : null]),
        el('div', {cls: 'label', text: bi(m.label_en, m.label_zh)})]);
    });
    var headline = [];
    if (sum.headline_zh) headline.push(el('p', {cls: 'xf-headline', text: sum.headline_zh}));
    if (sum.headline_en) headline.push(el('p', {cls: 'xf-headline en', text: sum.headline_en}));
    return section('summary', 'Run summary', '运行概要', headline.concat([
      metrics.length ? el('div', {cls: 'xf-metrics'}, metrics) : null, facts]));
  }

  // ---- data quality -----------------------------------------------------------------------------

  function renderQuality(r) {
    var inputs = arr(r.inputs);
    var parts = [];
    if (!inputs.length) {
      parts.push(note('No input tables.', '没有输入表。'));
    } else {
      parts.push(table(
          [['Table', '表'], ['Source', '来源'], ['Rows read', '读取行数', 'num'], ['Rows loaded', '入库行数', 'num'],
           ['Rows rejected', '拒收行数', 'num'], ['Columns', '列数', 'num'], ['Content hash', '内容哈希']],
          inputs.map(function (t) {
            var rej = t.rows_rejected || 0;
            var row = [t.name, t.source, fmtNum(t.rows_read), fmtNum(t.rows_loaded),
                       rej > 0 ? badge(fmtNum(rej), 'warn') : fmtNum(rej), fmtNum(t.columns),
                       code(str(t.content_hash) || '—')];
            return row;
          })));
      inputs.forEach(function (t) {
        var ex = arr(t.reject_examples);
        if (!ex.length) return;
        parts.push(el('h3', {text: bi('Rejected rows of ' + t.name + ' (examples)', t.name + ' 的拒收行（示例）')}));
        parts.push(table([['Line', '行号', 'num'], ['Column', '列', 'num'], ['Reason', '原因'], ['Raw text', '原始内容']],
                         ex.map(function (e) { return [fmtNum(e.line), fmtCell(e.column), e.reason, code(str(e.raw))]; })));
      });
    }
    var q = r.quality || {};
    renderQualityScores(q, parts);
    var qt = arr(q.tables);
    if (qt.length) {
      parts.push(el('h3', {text: bi('Column profile', '字段概况')}));
      parts.push(table([['Table', '表'], ['Rows', '行数', 'num'], ['Null cells', '空值单元格', 'num'], ['Columns', '字段（类型，空值数）']],
                       qt.map(function (t) {
                         var cols = arr(t.columns).map(function (c) {
                           var nulls = c.nulls || 0;
                           return el('span', {cls: 'xf-col' + (nulls > 0 ? ' has-nulls' : ''),
                                              text: str(c.name) + ' ' + str(c.type) + (nulls > 0 ? ' ∅' + fmtNum(nulls) : '')});
                         });
                         return [t.name, fmtNum(t.rows), fmtNum(t.null_cells), el('div', {cls: 'xf-cols'}, cols)];
                       })));
    }
    return section('quality', 'Data quality', '数据质量', parts);
  }

  // GB/T 36344 scores from the scenario's standards and validate steps: a radar of the six
  // dimensions, per-table scores and the worst rules with example failing rows.
  function renderQualityScores(q, parts) {
    var dims = arr(q.dimensions);
    var scored = dims.some(function (d) { return isNum(d.score); });
    if (!scored) return;
    parts.push(el('h3', {text: bi('Quality by dimension (GB/T 36344-2018)', '数据质量维度评分（GB/T 36344-2018）')}));
    var box = el('div', null);
    parts.push(box);
    pendingPanels.push([{id: 'quality-dimensions', type: 'radar', dimensions: dims}, box]);
    parts.push(table([['Dimension', '维度'], ['Score', '得分', 'num'], ['Rules', '规则数', 'num'],
                      ['Evaluated', '检查数', 'num'], ['Conforming', '合格数', 'num']],
                     dims.map(function (d) {
                       return [bi(d.title_en, d.title_zh), isNum(d.score) ? fmtNum(d.score) : bi('not evaluated', '未评估'),
                               fmtNum(d.rules), fmtNum(d.evaluated), fmtNum(d.conforming)];
                     })));
    var ts = arr(q.table_scores);
    if (ts.length) {
      parts.push(table([['Table', '表'], ['Score', '得分', 'num'], ['Rows in', '输入行数', 'num'],
                        ['Passed', '通过', 'num'], ['Quarantined', '隔离', 'num'], ['Flagged', '告警标记', 'num']],
                       ts.map(function (t) {
                         var quarantined = t.rows_quarantined || 0;
                         return [t.table, isNum(t.score) ? fmtNum(t.score) : '—', fmtNum(t.rows_in), fmtNum(t.rows_passed),
                                 quarantined > 0 ? badge(fmtNum(quarantined), 'warn') : fmtNum(quarantined),
                                 fmtNum(t.rows_flagged)];
                       })));
    }
    var worst = arr(q.worst_rules);
    if (worst.length) {
      parts.push(el('h3', {text: bi('Rules with the most failures', '不合格最多的规则')}));
      parts.push(table([['Table', '表'], ['Rule', '规则'], ['Dimension', '维度'], ['Severity', '级别'],
                        ['Conformance %', '合格率 %', 'num'], ['Failed', '不合格', 'num'], ['Threshold %', '阈值 %', 'num'],
                        ['Examples', '示例']],
                       worst.map(function (w) {
                         var ex = arr(w.examples).map(function (e) {
                           return el('div', {text: (e.row === null || e.row === undefined ? '' : bi('row ', '第') + e.row + ': ') + str(e.reason)});
                         });
                         var sev = w.severity === 'block' ? badge(bi('block', '隔离'), 'bad') : badge(bi('warn', '告警'), 'warn');
                         return [w.table, code(str(w.id)), str(w.dimension), sev, fmtNum(w.score), fmtNum(w.failed),
                                 w.threshold === null || w.threshold === undefined ? '—' : fmtNum(w.threshold),
                                 el('div', null, ex)];
                       })));
    }
  }

  function radarOption(p) {
    var dims = arr(p.dimensions);
    return {
      textStyle: {fontFamily: FONT},
      tooltip: {},
      radar: {radius: '62%', indicator: dims.map(function (d) {
        return {name: bi(d.title_en, d.title_zh) + (isNum(d.score) ? '' : ' (n/a)'), max: 100};
      })},
      series: [{type: 'radar', color: PALETTE[0], areaStyle: {opacity: 0.2},
                data: [{name: bi('Quality score', '质量得分'),
                        value: dims.map(function (d) { return isNum(d.score) ? d.score : 0; })}]}]};
  }

  // ---- steps ----------------------------------------------------------------------------------

  function renderSteps(r) {
    var steps = arr(r.steps);
    if (!steps.length) return section('steps', 'Pipeline steps', '处理步骤', [note('No steps ran.', '没有执行任何步骤。')]);
    var maxSec = 0;
    steps.forEach(function (s) { if (isNum(s.seconds)) maxSec = Math.max(maxSec, s.seconds); });
    return section('steps', 'Pipeline steps', '处理步骤', [table(
        [['Step', '步骤'], ['Kind', '类型'], ['Inputs → outputs', '输入 → 输出'], ['Rows in', '输入行数', 'num'],
         ['Rows out', '输出行数', 'num'], ['Time', '耗时', 'num'], ['Peak memory', '内存峰值', 'num']],
        steps.map(function (s) {
          var w = maxSec > 0 && isNum(s.seconds) ? Math.max(1, Math.round(100 * s.seconds / maxSec)) : 0;
          var time = el('div', {cls: 'xf-bar-cell'}, [
            el('span', {text: fmtSeconds(s.seconds)}), el('span', {cls: 'xf-bar', style: 'width:' + w + '%'})]);
          return [code(str(s.id)), s.kind, arr(s.inputs).join(', ') + ' → ' + arr(s.outputs).join(', '),
                  fmtNum(s.rows_in), fmtNum(s.rows_out), time,
                  isNum(s.peak_rss_mb) ? fmtNum(s.peak_rss_mb) + ' MB' : '—'];
        }), {tall: true})]);
  }

  // ---- panels ---------------------------------------------------------------------------------

  function hasValues(series) {
    return arr(series).some(function (s) { return arr(s.values).some(isNum); });
  }
  function panelHasData(p) {
    switch (p.type) {
      case 'line': return arr(p.x).length > 0 && hasValues(p.series);
      case 'bar': return arr(p.categories).length > 0 && hasValues(p.series);
      case 'heatmap': return arr(p.x).length > 0 && arr(p.y).length > 0 &&
          arr(p.values).some(function (v) { return Array.isArray(v) && isNum(v[2]); });
      case 'map': return arr(p.series).some(function (s) {
        return arr(s.points).some(function (pt) { return Array.isArray(pt) && isNum(pt[0]) && isNum(pt[1]); });
      });
      case 'timeline': return arr(p.lanes).length > 0 && arr(p.items).length > 0;
      case 'table': return arr(p.rows).length > 0;
      default: return false;
    }
  }

  function baseOption() {
    return {
      animation: false,
      color: PALETTE,
      textStyle: {fontFamily: FONT, fontSize: 12},
      grid: {left: 16, right: 24, top: 40, bottom: 24, containLabel: true},
      tooltip: {trigger: 'axis', confine: true}
    };
  }
  function legendFor(series) {
    return arr(series).length > 1 ? {type: 'scroll', top: 4, left: 'center'} : undefined;
  }
  function axisName(label) {
    return label ? {name: label, nameTextStyle: {align: 'left', color: '#555'}} : {};
  }
  function merge(a, b) { Object.keys(b).forEach(function (k) { a[k] = b[k]; }); return a; }
  function nums(values) { return arr(values).map(function (v) { return isNum(v) ? v : null; }); }

  function lineOption(p) {
    var x = arr(p.x), time = p.x_type === 'time', long = x.length > 60;
    var o = baseOption();
    o.legend = legendFor(p.series);
    o.xAxis = {type: time ? 'time' : 'category', data: time ? undefined : x, boundaryGap: false,
               axisLabel: {hideOverlap: true}};
    o.yAxis = merge({type: 'value', scale: !!p.y_scale}, axisName(p.y_label));
    o.series = arr(p.series).map(function (s) {
      var v = nums(s.values);
      return {name: str(s.name), type: 'line', showSymbol: !long, symbolSize: 5, connectNulls: false,
              lineStyle: {width: 2}, sampling: long ? 'lttb' : undefined,
              data: time ? x.map(function (xi, i) { return [xi, i < v.length ? v[i] : null]; }) : v};
    });
    if (x.length > 120) {
      o.dataZoom = [{type: 'inside'}, {type: 'slider', height: 18, bottom: 6}];
      o.grid.bottom = 40;
    }
    return o;
  }

  function barOption(p) {
    var cats = arr(p.categories).map(str), horiz = !!p.horizontal;
    var o = baseOption();
    o.legend = legendFor(p.series);
    o.tooltip.axisPointer = {type: 'shadow'};
    var catAxis = {type: 'category', data: horiz ? cats.slice().reverse() : cats,
                   axisLabel: horiz ? {width: 180, overflow: 'truncate'}
                                    : {interval: 0, rotate: cats.length > 8 ? 35 : 0, width: 110, overflow: 'truncate', hideOverlap: true}};
    var valAxis = merge({type: 'value'}, axisName(p.y_label));
    o.xAxis = horiz ? valAxis : catAxis;
    o.yAxis = horiz ? catAxis : valAxis;
    var stacked = !!p.stacked;
    // Values are written on the bars while there are few enough of them to stay readable.
    var labelled = !stacked && cats.length * arr(p.series).length <= 24;
    o.series = arr(p.series).map(function (s) {
      var v = nums(s.values);
      return {name: str(s.name), type: 'bar', stack: stacked ? 'total' : undefined, barMaxWidth: 36,
              label: {show: labelled, position: horiz ? 'right' : 'top', color: '#333',
                      formatter: function (it) { return fmtNum(it.value); }},
              data: horiz ? v.slice().reverse() : v};
    });
    return o;
  }

  function heatmapOption(p) {
    var xs = arr(p.x).map(str), ys = arr(p.y).map(str);
    var data = arr(p.values).filter(function (v) { return Array.isArray(v) && isNum(v[2]); });
    var min = Infinity, max = -Infinity;
    data.forEach(function (v) { min = Math.min(min, v[2]); max = Math.max(max, v[2]); });
    if (min === max) { min -= 1; max += 1; }
    var o = baseOption();
    o.tooltip = {trigger: 'item', confine: true, formatter: function (it) {
      var v = it.value || [];
      return escapeHtml(str(ys[v[1]])) + ' · ' + escapeHtml(str(xs[v[0]])) + ': <b>' + escapeHtml(fmtNum(v[2])) + '</b>';
    }};
    o.grid = {left: 16, right: 24, top: 16, bottom: 56, containLabel: true};
    o.xAxis = {type: 'category', data: xs, splitArea: {show: true}, axisLabel: {hideOverlap: true}};
    o.yAxis = {type: 'category', data: ys, inverse: true, splitArea: {show: true}};  // first row on top, as in a table
    o.visualMap = {min: min, max: max, calculable: false, orient: 'horizontal', left: 'center', bottom: 4,
                   itemHeight: 160, itemWidth: 12, text: [fmtNum(max), fmtNum(min)],
                   inRange: {color: ['#f3f7fb', '#9ecae1', '#3182bd', '#08306b']}};
    o.series = [{type: 'heatmap', data: data.map(function (v) { return [v[0], v[1], v[2]]; }),
                 label: {show: xs.length * ys.length <= 120, formatter: function (it) { return fmtNum(it.value[2]); }},
                 emphasis: {itemStyle: {borderColor: '#333', borderWidth: 1}}}];
    return o;
  }

  function mapOption(p) {
    var all = [];
    arr(p.series).forEach(function (s) {
      arr(s.points).forEach(function (pt) { if (Array.isArray(pt) && isNum(pt[2])) all.push(Math.abs(pt[2])); });
    });
    var vmax = all.length ? Math.max.apply(null, all) : 0;
    var labelled = all.length <= 25;  // few points: name them on the chart, not only in tooltips
    var o = baseOption();
    o.legend = legendFor(p.series) || {show: false};
    o.tooltip = {trigger: 'item', confine: true, formatter: function (it) {
      var v = it.value || [];
      var label = v[3] ? '<b>' + escapeHtml(str(v[3])) + '</b><br>' : '';
      return label + escapeHtml(it.seriesName) + (isNum(v[2]) ? ': ' + escapeHtml(fmtNum(v[2])) : '') +
          '<br>' + escapeHtml(fmtNum(v[0])) + '°E, ' + escapeHtml(fmtNum(v[1])) + '°N';
    }};
    o.xAxis = {type: 'value', scale: true, name: 'lon · 经度', nameLocation: 'middle', nameGap: 26,
               splitLine: {lineStyle: {type: 'dashed', color: '#e3e3e3'}}};
    o.yAxis = {type: 'value', scale: true, name: 'lat · 纬度', splitLine: {lineStyle: {type: 'dashed', color: '#e3e3e3'}}};
    o.grid.bottom = 36;
    o.series = arr(p.series).map(function (s) {
      return {name: str(s.name), type: 'scatter',
              data: arr(s.points).filter(function (pt) { return Array.isArray(pt) && isNum(pt[0]) && isNum(pt[1]); })
                  .map(function (pt) { return [pt[0], pt[1], isNum(pt[2]) ? pt[2] : null, str(pt[3])]; }),
              symbolSize: function (v) {
                return vmax > 0 && isNum(v[2]) ? 6 + 14 * Math.sqrt(Math.abs(v[2]) / vmax) : 8;
              },
              label: {show: labelled, position: 'right', fontSize: 11, color: '#444',
                      formatter: function (it) { return str(it.value[3]); }},
              labelLayout: {hideOverlap: true},
              itemStyle: {opacity: 0.8, borderColor: '#fff', borderWidth: 0.5}};
    });
    return o;
  }

  // Alert timeline: one lane per entity, a bar per alert (or per level held) from start to end,
  // coloured by warning level; an open alert (end null) runs to the latest time in the panel.
  function timelineOption(p) {
    var lanes = arr(p.lanes).map(str);
    var items = arr(p.items).filter(function (it) { return Array.isArray(it) && !isNaN(Date.parse(it[1])); });
    var latest = -Infinity;
    items.forEach(function (it) {
      latest = Math.max(latest, Date.parse(it[1]));
      if (it[2] !== null && !isNaN(Date.parse(it[2]))) latest = Math.max(latest, Date.parse(it[2]));
    });
    var data = items.map(function (it) {
      var start = Date.parse(it[1]);
      var open = it[2] === null || isNaN(Date.parse(it[2]));
      var end = open ? latest : Date.parse(it[2]);
      var info = levelInfo(levelOf(it[3]));
      return {value: [it[0], start, Math.max(end, start), str(it[3]), str(it[4]), open ? 1 : 0],
              itemStyle: {color: info ? info.color : PALETTE[0]}};
    });
    var o = baseOption();
    o.tooltip = {trigger: 'item', confine: true, formatter: function (it) {
      var v = it.value || [];
      var info = levelInfo(levelOf(v[3]));
      var when = new Date(v[1]).toISOString().slice(0, 16).replace('T', ' ') + ' → ' +
          (v[5] ? 'open · 未解除' : new Date(v[2]).toISOString().slice(0, 16).replace('T', ' ')) + ' UTC';
      return '<b>' + escapeHtml(lanes[v[0]]) + '</b><br>' + (info ? escapeHtml(bi(info.en, info.zh)) + ' · ' : '') +
          (v[4] ? escapeHtml(v[4]) + '<br>' : '') + escapeHtml(when);
    }};
    o.grid = {left: 16, right: 24, top: 16, bottom: 40, containLabel: true};
    o.xAxis = {type: 'time', axisLabel: {hideOverlap: true}, splitLine: {show: true, lineStyle: {color: '#eee'}}};
    o.yAxis = {type: 'category', data: lanes, inverse: true, axisLabel: {width: 160, overflow: 'truncate'}};
    if (lanes.length > 20) o.dataZoom = [{type: 'slider', yAxisIndex: 0, right: 4, width: 14, startValue: 0, endValue: 19}];
    o.series = [{type: 'custom', encode: {x: [1, 2], y: 0}, data: data,
                 renderItem: function (params, api) {
                   var lane = api.value(0);
                   var a = api.coord([api.value(1), lane]), b = api.coord([api.value(2), lane]);
                   var h = api.size([0, 1])[1] * 0.6;
                   var rect = echarts.graphic.clipRectByRect(
                       {x: a[0], y: a[1] - h / 2, width: Math.max(3, b[0] - a[0]), height: h},
                       {x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height});
                   return rect && {type: 'rect', transition: [], shape: rect, style: api.style()};
                 }}];
    return o;
  }

  function escapeHtml(s) {
    return str(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  function chartHeight(p) {
    if (p.type === 'heatmap') return Math.max(260, Math.min(640, 28 * arr(p.y).length + 110));
    if (p.type === 'bar' && p.horizontal) return Math.max(240, Math.min(640, 26 * arr(p.categories).length + 80));
    if (p.type === 'map') return 440;
    if (p.type === 'timeline') return Math.max(200, Math.min(720, 30 * arr(p.lanes).length + 90));
    return 340;
  }

  var pendingCharts = [];

  function renderChart(p, box) {
    var height = chartHeight(p);
    var holder = el('div', {cls: 'xf-chart', 'data-xf-chart': str(p.id), style: 'height:' + height + 'px'});
    box.appendChild(holder);
    var option = p.type === 'radar' ? radarOption(p) : p.type === 'line' ? lineOption(p) : p.type === 'bar' ? barOption(p)
        : p.type === 'heatmap' ? heatmapOption(p) : p.type === 'timeline' ? timelineOption(p) : mapOption(p);
    var chart = echarts.init(holder, null, {renderer: 'canvas', height: height});
    pendingCharts.push(new Promise(function (resolve) {
      chart.on('finished', function () { resolve(); });
    }));
    chart.setOption(option);
    charts.push(chart);
    state.charts += 1;
  }

  function renderTablePanel(p, box) {
    var cols = arr(p.columns).map(function (c) { return [str(c), '']; });
    var rows = arr(p.rows).map(function (r) {
      var cells = arr(r).map(function (v) {
        var lv = levelOf(v);
        if (lv && typeof v === 'string') {
          var info = levelInfo(lv);
          return badge(bi(info.en, info.zh), 'level', 'background:' + info.color + ';color:' + info.ink);
        }
        return fmtCell(v);
      });
      return cells;
    });
    alignNumbers(cols, arr(p.rows));
    box.appendChild(table(cols, rows, {tall: true}));
    if (p.truncated) box.appendChild(note('Only the first ' + rows.length + ' rows are shown.', '仅显示前 ' + rows.length + ' 行。'));
  }

  var charts = [];

  // Numeric columns are right-aligned, judged by their first non-null value.
  function alignNumbers(cols, rows) {
    cols.forEach(function (c, i) {
      for (var k = 0; k < rows.length; k++) {
        var v = arr(rows[k])[i];
        if (v === null || v === undefined) continue;
        if (typeof v === 'number') c[2] = 'num';
        break;
      }
    });
  }

  function renderPanel(p) {
    var box = el('div', {cls: 'xf-panel', id: 'panel-' + str(p.id), 'data-xf-panel': str(p.id), 'data-xf-type': str(p.type)});
    box.appendChild(el('h3', {text: bi(p.title_en, p.title_zh) || str(p.id)}));
    if (p.description_zh) box.appendChild(el('p', {cls: 'xf-desc', text: p.description_zh}));
    if (p.description_en) box.appendChild(el('p', {cls: 'xf-desc en', text: p.description_en}));
    if (!CHART_TYPES[p.type] && p.type !== 'table') {
      state.errors.push('panel ' + str(p.id) + ': unknown type "' + str(p.type) + '"');
      box.appendChild(note('This panel type (' + str(p.type) + ') is not supported by this report.',
                           '本报告不支持该面板类型（' + str(p.type) + '）。', 'xf-error'));
      return box;
    }
    if (!panelHasData(p)) {
      box.setAttribute('data-xf-empty', 'true');
      var h = 140;
      box.appendChild(el('div', {cls: 'xf-empty', style: 'height:' + h + 'px', text: 'no data · 无数据'}));
      return box;
    }
    if (p.type === 'table') renderTablePanel(p, box);
    else pendingPanels.push([p, box]);
    return box;
  }
  var pendingPanels = [];

  function renderPanels(r) {
    var panels = arr(r.panels);
    if (!panels.length) return section('panels', 'Findings', '分析结果', [note('This scenario has no panels.', '该场景没有分析面板。')]);
    return section('panels', 'Findings', '分析结果', [el('div', {cls: 'xf-panels'}, panels.map(function (p) {
      try {
        return renderPanel(p || {});
      } catch (e) {
        state.errors.push('panel ' + str(p && p.id) + ': ' + (e && e.message || e));
        return note('This panel could not be drawn.', '该面板无法绘制。', 'xf-error');
      }
    }))]);
  }

  // ---- alerts -----------------------------------------------------------------------------------

  function renderAlerts(r) {
    var a = r.alerts;
    if (!a) return section('alerts', 'Alerts', '预警', [note('This scenario raises no alerts.', '该场景不产生预警。')]);
    var by = a.by_level || {};
    var cards = LEVELS.map(function (l) {
      var n = by[l.key] || 0;
      return el('div', {cls: 'xf-level' + (n ? '' : ' zero'), style: 'border-color:' + l.color}, [
        el('div', {cls: 'swatch', style: 'background:' + l.color + ';color:' + l.ink, text: fmtNum(n)}),
        el('div', {cls: 'label'}, [el('div', {text: bi(l.en, l.zh)}), el('div', {cls: 'grade', text: l.grade})])]);
    });
    var parts = [el('div', {cls: 'xf-levels'}, [
      el('div', {cls: 'xf-level total'}, [el('div', {cls: 'swatch', text: fmtNum(a.total || 0)}),
                                          el('div', {cls: 'label'}, [el('div', {text: bi('All alerts', '预警总数')}),
                                                                     el('div', {cls: 'grade', text: 'Levels I–IV · Ⅰ–Ⅳ级'})])])].concat(cards))];
    var cols = arr(a.columns), rows = arr(a.rows);
    if (rows.length) {
      var levelCol = -1;
      cols.forEach(function (c, i) { if (levelCol < 0 && /^(level|grade|severity|级别|等级)$/i.test(str(c))) levelCol = i; });
      var colSpec = cols.map(function (c) { return [str(c), '']; });
      alignNumbers(colSpec, rows);
      parts.push(table(colSpec, rows.map(function (row) {
        return arr(row).map(function (v, i) {
          var lv = levelOf(v);
          if (lv && (i === levelCol || levelCol < 0 && typeof v === 'string')) {
            var info = levelInfo(lv);
            return badge(bi(info.en, info.zh), 'level', 'background:' + info.color + ';color:' + info.ink);
          }
          return fmtCell(v);
        });
      }), {tall: true}));
      if (a.truncated) {
        parts.push(note('Showing ' + rows.length + ' of ' + fmtNum(a.total) + ' alerts; all are in the alerts output.',
                        '显示 ' + fmtNum(a.total) + ' 条预警中的 ' + rows.length + ' 条；全部预警见输出表。'));
      }
    } else if (!a.total) {
      parts.push(note('No alerts were raised in this run.', '本次运行未产生预警。'));
    }
    return section('alerts', 'Alerts', '预警', parts);
  }

  // ---- outputs and ledger ---------------------------------------------------------------------

  function renderOutputs(r) {
    var outs = arr(r.outputs);
    if (!outs.length) return section('outputs', 'Outputs', '输出', [note('No outputs were written.', '没有写出任何输出。')]);
    return section('outputs', 'Outputs', '输出', [table(
        [['Output', '输出表'], ['Rows', '行数', 'num'], ['Content hash', '内容哈希'], ['Files', '文件']],
        outs.map(function (o) {
          return [o.name, fmtNum(o.rows), code(str(o.content_hash) || '—'),
                  el('div', null, arr(o.files).map(function (f) { return el('div', null, [code(str(f))]); }))];
        }))]);
  }

  function renderLedger(r) {
    var l = r.ledger;
    if (l === null || l === undefined) return null;
    if (typeof l !== 'object' || Array.isArray(l)) {
      return section('ledger', 'Evidence', '存证', [table([['Field', '字段'], ['Value', '值']],
                                                          [['ledger', code(JSON.stringify(l))]])]);
    }
    var entries = l.first_index === l.last_index ? String(l.first_index)
                                                 : l.first_index + ' – ' + l.last_index;
    var rows = [
      [bi('Ledger entries', '账本条目'), code(entries)],
      [bi('Tree size', '树大小'), code(fmtCell(l.tree_size))],
      [bi('Root hash', '根哈希') , code(str(l.root_hash) + ' (' + str(l.hash_alg) + ')')],
      [bi('Signing key', '签名密钥'), code(str(l.key_name))],
      [bi('Public key', '公钥'), code(str(l.public_key))]];
    return section('ledger', 'Evidence', '存证', [
      note('This run (spec, inputs, outputs, exported files, quality) is recorded in the workspace\'s ' +
           'tamper-evident ledger. Check it with `xfactor ledger verify`; prove one entry offline with ' +
           '`xfactor ledger proof` and `xfactor ledger check-proof`.',
           '本次运行（配置、输入、输出、导出文件、质量）已写入工作区防篡改账本。可用 `xfactor ledger verify` ' +
           '核验，用 `xfactor ledger proof` 与 `xfactor ledger check-proof` 离线证明单条记录。'),
      table([['Field', '字段'], ['Value', '值']], rows),
      el('div', {cls: 'xf-ledger-note-title', text: 'Signed checkpoint 签名检查点'}),
      el('pre', {cls: 'xf-ledger-note', text: str(l.checkpoint)})]);
  }

  function renderNav(sections) {
    return el('nav', {cls: 'xf-nav'}, sections.filter(Boolean).map(function (s) {
      var h = s.querySelector('h2');
      return el('a', {href: '#' + s.id, text: h ? h.textContent : s.id});
    }));
  }

  // ---- main ---------------------------------------------------------------------------------------

  function guarded(name, fn, r) {
    try {
      return fn(r);
    } catch (e) {
      state.errors.push(name + ': ' + (e && e.message || e));
      return el('section', {cls: 'xf-section'}, [note('The ' + name + ' section could not be drawn.', '该部分无法显示（' + name + '）。', 'xf-error')]);
    }
  }

  function main() {
    var root = document.getElementById('xf-root');
    var report;
    try {
      report = JSON.parse(document.getElementById('xf-report').textContent);
    } catch (e) {
      state.errors.push('report JSON: ' + (e && e.message || e));
      root.appendChild(note('The report data is unreadable.', '报告数据无法读取。', 'xf-error'));
      state.ready = true;
      return;
    }
    if (typeof echarts === 'undefined') state.errors.push('ECharts is missing from this file');
    var header = guarded('header', renderHeader, report);
    var sections = [
      guarded('summary', renderSummary, report),
      guarded('panels', renderPanels, report),
      guarded('alerts', renderAlerts, report),
      guarded('quality', renderQuality, report),
      guarded('steps', renderSteps, report),
      guarded('outputs', renderOutputs, report),
      guarded('ledger', renderLedger, report)].filter(Boolean);
    root.appendChild(header);
    root.appendChild(renderNav(sections));
    var main = el('main', null, sections);
    root.appendChild(main);
    root.appendChild(el('footer', {cls: 'xf-footer', text:
        'Generated by xfactor ' + str((report.run || {}).engine_version) + ' · 由 xfactor 生成 · report schema ' +
        str(report.xfactor_report)}));
    // Charts are drawn once their boxes are in the document, so they get their real width.
    pendingPanels.forEach(function (pb) {
      try {
        renderChart(pb[0], pb[1]);
      } catch (e) {
        state.errors.push('panel ' + str(pb[0].id) + ': ' + (e && e.message || e));
        pb[1].appendChild(note('This chart could not be drawn.', '该图表无法绘制。', 'xf-error'));
      }
    });
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    var timeout = new Promise(function (resolve) { setTimeout(function () { resolve('timeout'); }, 10000); });
    Promise.race([Promise.all(pendingCharts), timeout]).then(function (how) {
      if (how === 'timeout') state.errors.push('charts did not finish drawing within 10 s');
      state.ready = true;
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
  else main();
})();
