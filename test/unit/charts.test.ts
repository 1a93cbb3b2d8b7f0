import { renderChart } from '../../server/lib/charts';

describe('server-side charts', () => {
  const spec = (values: { label: string; count: number }[]) => ({
    data: { values },
    mark: 'bar' as const,
    encoding: {
      y: { field: 'label', type: 'nominal' as const, sort: null },
      x: { field: 'count', type: 'quantitative' as const },
    },
  });

  it('when a bar chart is drawn, then it is one labelled SVG image with every category written in it', async () => {
    const svg = await renderChart(spec([{ label: 'Łódź', count: 3 }, { label: 'Vejle', count: 5 }]), { label: 'Practices by city' });
    expect(svg.startsWith('<svg role="img" aria-label="Practices by city" focusable="false" class="chart-svg" ')).toBe(true);
    expect(svg).toContain('>Łódź</text>');
    expect(svg).toContain('>Vejle</text>');
    expect(svg).toMatch(/<\/svg>$/);
  });

  it('when labels carry markup, then it is written as text, never as elements', async () => {
    const svg = await renderChart(spec([{ label: '<script>alert(1)</script>', count: 1 }]), { label: '"><img src=x onerror=alert(1)>' });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('aria-label="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('when the same chart is asked for twice, then the same SVG comes back', async () => {
    const values = [{ label: 'Kaunas', count: 2 }];
    expect(await renderChart(spec(values), { label: 'x' })).toBe(await renderChart(spec(values), { label: 'x' }));
  });
});

describe('server-side charts, accessibility', () => {
  it('when a layered chart is drawn, then only the root carries a role: the chart is one image', async () => {
    const svg = await renderChart(
      {
        data: { values: [{ label: 'Kaunas', count: 2 }] },
        encoding: { y: { field: 'label', type: 'nominal' }, x: { field: 'count', type: 'quantitative' } },
        layer: [{ mark: 'bar' }, { mark: 'text', encoding: { text: { field: 'count' } } }],
      },
      { label: 'Practices' },
    );
    expect(svg.match(/ role="/g)).toHaveLength(1);
    expect(svg).not.toContain('aria-roledescription');
  });
});
