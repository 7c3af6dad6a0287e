/// The stylesheet every page carries inline: system fonts only, a readable measure, colours with
/// at least 4.5 : 1 contrast, a layout that holds at 375 px (wide tables and code scroll inside
/// their own box; the comparison table stacks its cells), and a print stylesheet.
enum PageStyle {
    static let css = """
    :root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --accent: #0b5fa5; --ok: #1a7f37;
      --bad: #b42318; --slip: #7a4d00; --slip-bg: #fff3d1; --rule: #d0d7de; --code-bg: #f3f5f7; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #ffffff;
      font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
    main { max-width: 50rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
    h1 { font-size: 1.9rem; line-height: 1.25; margin: 1rem 0 .5rem; }
    h2 { font-size: 1.4rem; line-height: 1.3; margin: 2.5rem 0 .8rem; padding-bottom: .2rem; border-bottom: 1px solid var(--rule); }
    a { color: var(--accent); }
    p, li { overflow-wrap: break-word; }
    .summary { font-size: 1.1rem; }
    .run { color: var(--muted); font-size: .9rem; }
    code, pre, .formula, output, .result { font-family: ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace; }
    code { background: var(--code-bg); padding: 0 .2em; border-radius: 3px; font-size: .92em; }
    pre { overflow-x: auto; max-width: 100%; background: var(--code-bg); padding: .6rem .8rem; border-radius: 4px; line-height: 1.3; }
    pre.verbatim, pre.inset { font-size: .82rem; }
    .formula { white-space: pre; overflow-x: auto; max-width: 100%; margin: 1rem 0; padding: .6rem 1rem;
      background: var(--code-bg); border-left: 3px solid var(--accent); font-size: .95rem; }
    .results { margin: .8rem 0; overflow-x: auto; }
    .result { font-size: .9rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    .result .label { color: var(--muted); }
    pre.result { margin: .3rem 0; }
    .scroll { overflow-x: auto; max-width: 100%; margin: 1rem 0; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: .92rem; }
    th, td { padding: .3rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid var(--ink); }
    .num { text-align: right; }
    table.report { width: 100%; }
    table.report th[scope=row] { font-weight: 600; }
    table.report .mark { font-weight: 700; font-size: 1.1rem; text-align: center; }
    table.report cite { font-style: normal; color: var(--muted); }
    .value-kind { color: var(--muted); }
    .remark { color: var(--muted); font-size: .88rem; }
    .why { display: block; }
    tr.agree .mark, .tally.agree .mark { color: var(--ok); }
    tr.disagree .mark, .tally.disagree .mark { color: var(--bad); }
    tr.disagree { background: #fde8e6; }
    tr.slip { background: var(--slip-bg); }
    tr.slip .mark { color: var(--slip); }
    tr.slip th { border-left: 4px solid var(--slip); }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    figure { margin: 1.5rem 0; }
    figure svg { display: block; width: 100%; max-width: 32rem; height: auto; }
    figcaption { font-size: .9rem; color: var(--muted); margin-top: .3rem; }
    .panels { display: flex; flex-wrap: wrap; gap: 0 1.2rem; }
    .panels figure { flex: 1 1 16rem; min-width: 0; margin: .8rem 0; }
    .tally { margin-top: 2.5rem; padding: .6rem .8rem; border: 1px solid var(--rule); border-radius: 4px; }
    nav.book { max-width: 50rem; margin: 0 auto; padding: .6rem 1rem; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem;
      justify-content: space-between; border-bottom: 1px solid var(--rule); font-size: .95rem; }
    nav.book + main + nav.book, main + nav.book { border-bottom: 0; border-top: 1px solid var(--rule); }
    @media (max-width: 40rem) {
      body { font-size: 16px; }
      main { padding: .5rem .8rem 2rem; }
      h1 { font-size: 1.5rem; }
      table.report, table.report tbody, table.report tr, table.report th, table.report td { display: block; width: auto; }
      table.report thead { display: none; }
      table.report tr { position: relative; border-bottom: 1px solid var(--rule); padding: .3rem 2rem .3rem 0; }
      table.report th, table.report td { border: 0; padding: .1rem .4rem; }
      table.report td.mark { position: absolute; top: .3rem; right: .3rem; padding: 0; }
    }
    @media print {
      nav.book { display: none; }
      body { font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      a { color: inherit; text-decoration: none; }
      h2 { break-after: avoid; }
      figure, tr, .formula, pre.result { break-inside: avoid; }
      pre, .formula, .scroll, .results { overflow: visible; white-space: pre-wrap; }
      tr.slip, tr.disagree, code, pre, .formula { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
