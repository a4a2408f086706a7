import Mustache

/// The report templates (Mustache: `{{x}}` is HTML-escaped, so text from requests cannot inject markup). Every
/// page is one self-contained file: inline CSS and SVG, no script, fonts from the system's CJK stack, laid out for
/// A4 (landscape for the reports, portrait for the 审批单).
enum Templates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in [
            ("style", style), ("programme", programme), ("admissions", admissions), ("overdue", overdue),
            ("form", form),
        ] {
            // The templates are constants of this file; a mistake in one is a programming error caught by the tests.
            library.register(try! MustacheTemplate(string: text), named: name)
        }
        return library
    }()

    static let style = """
        <style>
        @page { size: A4 {{orientation}}; margin: 12mm; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
          "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 0; }
        h1 { font-size: 17pt; margin: 0 0 2mm; }
        h2 { font-size: 12.5pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; padding-bottom: 1mm; }
        .meta { color: #555; margin-bottom: 3mm; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #bbb; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
        th { background: #eef1f5; font-weight: 600; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        tr.overdue td { color: #b00020; }
        tr.overdue td.flag { font-weight: 700; }
        .totals { display: flex; gap: 4mm; margin: 2mm 0 3mm; }
        .total { border: 1px solid #bbb; border-radius: 2mm; padding: 2mm 4mm; }
        .total b { font-size: 15pt; display: block; }
        .total.bad b { color: #b00020; }
        .apart { color: #555; }
        svg { width: 100%; height: auto; display: block; }
        svg text { font-family: inherit; font-size: 11px; fill: #333; }
        .form td.label { width: 26mm; background: #f6f7f9; }
        .sign { margin-top: 10mm; display: flex; justify-content: space-between; }
        .sign div { width: 45%; border-top: 1px solid #333; padding-top: 2mm; }
        .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
        .avoid { break-inside: avoid; }
        </style>
        """

    static let programme = """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>{{title}}</title>{{> style}}</head>
        <body>
        <h1>{{title}}</h1>
        <div class="meta">{{asOfLine}}</div>
        <div class="totals">
        {{#totals}}<div class="total{{#bad}} bad{{/bad}}" data-total="{{key}}"><b>{{value}}</b>{{label}}</div>{{/totals}}
        </div>
        <svg class="timeline" viewBox="0 0 1000 64" role="img" aria-label="{{timelineLabel}}">
        {{#phases}}<rect class="phase" x="{{x}}" y="10" width="{{width}}" height="22" fill="{{colour}}"></rect>
        <text x="{{textX}}" y="25">{{label}}</text><text x="{{endX}}" y="46" text-anchor="end">{{ends}}</text>
        {{/phases}}
        {{#today}}<line class="today" x1="{{x}}" y1="4" x2="{{x}}" y2="38" stroke="#b00020" stroke-width="2"></line>
        <text x="{{x}}" y="60" text-anchor="middle" fill="#b00020">{{label}}</text>{{/today}}
        </svg>
        <h2>{{committeesHeading}}</h2>
        <table class="committees">
        <thead><tr>{{#headers}}<th{{#numeric}} class="n"{{/numeric}}>{{text}}</th>{{/headers}}</tr></thead>
        <tbody>
        {{#rows}}<tr class="committee{{#overdue}} overdue{{/overdue}}" data-committee="{{committee}}">
        <td>{{committee}}</td><td>{{phase}}</td><td>{{state}}</td><td class="n">{{days}}</td><td>{{phaseEnds}}</td>
        <td>{{reachedOn}}</td><td class="flag">{{flag}}</td><td>{{missing}}</td><td class="n">{{rounds}}</td></tr>
        {{/rows}}
        </tbody></table>
        {{#hasOutside}}<p class="apart">{{outsideLine}}</p>{{/hasOutside}}
        <div class="avoid">
        <h2>{{burnUpHeading}}</h2>
        <svg class="burnup" viewBox="0 0 1000 230" role="img" aria-label="{{burnUpHeading}}">
        <line x1="60" y1="200" x2="980" y2="200" stroke="#666"></line><line x1="60" y1="10" x2="60" y2="200" stroke="#666"></line>
        {{#yTicks}}<text x="52" y="{{y}}" text-anchor="end">{{value}}</text><line x1="60" y1="{{y}}" x2="980" y2="{{y}}" stroke="#e3e3e3"></line>{{/yTicks}}
        {{#xTicks}}<text x="{{x}}" y="216" text-anchor="middle">{{label}}</text>{{/xTicks}}
        <polyline class="burnup-line" points="{{linePoints}}" fill="none" stroke="#1f5fa8" stroke-width="2"></polyline>
        {{#dots}}<circle class="burnup-point" cx="{{x}}" cy="{{y}}" r="3.5" fill="#1f5fa8"><title>{{label}}</title></circle>{{/dots}}
        {{#target}}<line x1="60" y1="{{y}}" x2="980" y2="{{y}}" stroke="#2e7d32" stroke-dasharray="6 4"></line><text x="975" y="{{textY}}" text-anchor="end" fill="#2e7d32">{{label}}</text>{{/target}}
        </svg>
        </div>
        </body></html>
        """

    static let admissions = """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>{{title}}</title>{{> style}}</head>
        <body>
        <h1>{{title}}</h1>
        <div class="meta">{{periodLine}}</div>
        {{#sections}}
        <div class="section" data-by="{{by}}">
        <h2>{{heading}}</h2>
        <svg class="bars" viewBox="0 0 1000 {{chartHeight}}" role="img" aria-label="{{chartLabel}}">
        {{#bars}}<text x="150" y="{{textY}}" text-anchor="end">{{label}}</text>
        <rect class="bar" data-key="{{key}}" data-value="{{value}}" x="160" y="{{y}}" width="{{width}}" height="14" fill="#1f5fa8"></rect>
        <text x="{{valueX}}" y="{{textY}}">{{value}}</text>
        {{/bars}}
        </svg>
        <table class="lines">
        <thead><tr>{{#headers}}<th{{#numeric}} class="n"{{/numeric}}>{{text}}</th>{{/headers}}</tr></thead>
        <tbody>
        {{#lines}}<tr class="line" data-key="{{key}}" data-workflow="{{workflow}}">{{#cells}}<td{{#numeric}} class="n"{{/numeric}}>{{text}}</td>{{/cells}}</tr>
        {{/lines}}
        </tbody></table>
        </div>
        {{/sections}}
        {{^sections}}<p>{{empty}}</p>{{/sections}}
        </body></html>
        """

    static let overdue = """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>{{title}}</title>{{> style}}</head>
        <body>
        <h1>{{title}}</h1>
        <div class="meta">{{meta}}</div>
        <table class="overdue-list">
        <thead><tr>{{#headers}}<th{{#numeric}} class="n"{{/numeric}}>{{text}}</th>{{/headers}}</tr></thead>
        <tbody>
        {{#items}}<tr class="overdue" data-id="{{id}}"><td>{{id}}</td><td>{{workflow}}</td><td>{{summary}}</td><td>{{committee}}</td>
        <td>{{department}}</td><td>{{state}}</td><td>{{queue}}</td><td>{{deadline}}</td><td class="n flag">{{late}}</td></tr>
        {{/items}}
        </tbody></table>
        {{^items}}<p>{{empty}}</p>{{/items}}
        </body></html>
        """

    static let form = """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>{{title}}</title>{{> style}}</head>
        <body class="form">
        <h1>{{title}}</h1>
        <div class="meta">{{idLine}}{{#number}}　{{numberLabel}}：<b class="document-number">{{number}}</b>{{/number}}</div>
        <table class="head">
        {{#head}}<tr><td class="label">{{label}}</td><td>{{value}}</td></tr>{{/head}}
        </table>
        <h2>{{subjectHeading}}</h2>
        <table class="subject">
        {{#subject}}<tr><td class="label">{{label}}</td><td>{{value}}</td></tr>{{/subject}}
        </table>
        <h2>{{stepsHeading}}</h2>
        <table class="steps">
        <thead><tr>{{#stepHeaders}}<th>{{.}}</th>{{/stepHeaders}}</tr></thead>
        <tbody>
        {{#steps}}<tr class="step"><td>{{time}}</td><td>{{action}}</td><td>{{officer}}</td><td>{{role}}</td><td class="opinion">{{opinion}}</td></tr>
        {{/steps}}
        </tbody></table>
        {{#hasAttachments}}<h2>{{attachmentsHeading}}</h2>
        <table class="attachments">
        {{#attachments}}<tr class="attachment"><td>{{fileName}}</td><td class="n">{{size}}</td><td class="hash">SHA-256 {{sha256}}</td></tr>{{/attachments}}
        </table>{{/hasAttachments}}
        <p class="audit">{{auditLine}} <span class="hash">{{auditHash}}</span></p>
        <div class="sign"><div>{{signLabel}}</div><div>{{sealLabel}}</div></div>
        </body></html>
        """
}
