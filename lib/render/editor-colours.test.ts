import { describe, expect, it } from 'vitest';

import { editorColourClasses, highlightClass, textColourClass } from './editor-colours';
import { renderBody } from './pipeline';

describe("editors' colours map to the palette", () => {
  it.each([
    // Tistory's colour picker, as editors use it
    ['#ee2323', 'ed-red'],
    ['#EE2323', 'ed-red'],
    ['#f89009', 'ed-orange'],
    ['#ffc1c8', 'ed-red'],
    ['#009a87', 'ed-green'],
    ['#006dd7', 'ed-blue'],
    ['#8a3db6', 'ed-purple'],
    ['#9d9d9d', 'ed-grey'],
    // Naver's and hand-written values
    ['rgb(255, 0, 0)', 'ed-red'],
    ['rgb(0 117 200)', 'ed-blue'],
    ['hsl(120, 60%, 35%)', 'ed-green'],
    ['red', 'ed-red'],
    ['royalblue', 'ed-blue'],
    ['darkorange', 'ed-orange'],
    ['gold', 'ed-orange'],
    ['rebeccapurple', 'ed-purple'],
    ['gray', 'ed-grey'],
  ])('text %s → %s', (value, expected) => {
    expect(textColourClass(value)).toBe(expected);
  });

  it.each(['#000000', '#333333', 'black', '#ffffff', 'white', 'inherit', 'var(--x)', 'url(x)', '#ee232300', ''])(
    'text %j keeps the page colour',
    (value) => {
      expect(textColourClass(value)).toBeUndefined();
    },
  );

  it.each([
    ['#21538527', 'ed-bg-blue'], // Tistory's highlight: a dark blue at 15 % alpha is a pale blue
    ['#fff5b1', 'ed-bg-yellow'],
    ['yellow', 'ed-bg-yellow'],
    ['rgba(255, 0, 0, 0.2)', 'ed-bg-red'],
    ['#dddddd', 'ed-bg-grey'],
    ['#c1f0d0', 'ed-bg-green'],
  ])('background %s → %s', (value, expected) => {
    expect(highlightClass(value)).toBe(expected);
  });

  it.each(['#ffffff', 'transparent', 'rgba(0,0,0,0)', 'none'])('background %j is no highlight', (value) => {
    expect(highlightClass(value)).toBeUndefined();
  });

  it('reads only color and background from a style, however it is written', () => {
    expect(editorColourClasses('font-size: 30px; COLOR: #ee2323; background-color: #fff5b1')).toEqual([
      'ed-red',
      'ed-bg-yellow',
    ]);
    expect(editorColourClasses('position: fixed; inset: 0; z-index: 9999')).toEqual([]);
    expect(editorColourClasses('color: ; ;; {')).toEqual([]);
  });
});

describe('the pipeline keeps the colours as classes and no style at all', () => {
  it('turns a Tistory span into a palette class', async () => {
    const { html } = await renderBody(
      '<p data-ke-size="size16"><span style="color: #ee2323;"><b>중요</b></span> 그리고 <span style="background-color: #21538527; font-size: 40px;">강조</span></p>',
      'html',
    );
    expect(html).toBe('<p><span class="ed-red"><b>중요</b></span> 그리고 <span class="ed-bg-blue">강조</span></p>');
  });

  it('turns <font color> into a coloured span and drops every other style and class', async () => {
    const { html } = await renderBody(
      '<font color="#006dd7">파랑</font><span class="ed-red evil" style="position:fixed;inset:0">x</span><div style="color:red">d</div>',
      'html',
    );
    expect(html).toBe('<span class="ed-blue">파랑</span><span class="ed-red">x</span><div>d</div>');
    expect(html).not.toContain('style');
  });

  it('keeps colours in Markdown bodies with raw HTML, and table cells keep their alignment too', async () => {
    const { html } = await renderBody(
      '| a |\n|---|\n| 1 |\n\n<table><tr><td style="text-align: center; color: #8a3db6">셀</td></tr></table>\n\n문장 <span style="color:rgb(0,117,200)">파랑</span>',
      'markdown',
    );
    expect(html).toContain('<td class="ed-purple" align="center">셀</td>');
    expect(html).toContain('<span class="ed-blue">파랑</span>');
  });
});
