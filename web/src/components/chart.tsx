import type { Chart } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n.js';

const COLOURS = ['#1f5f99', '#d98c1f', '#2e8b57', '#b23b3b', '#6b4fa0', '#3a9aa8', '#8c6d1f', '#777'];

let loading: Promise<typeof Chart> | undefined;
/** chart.js is fetched when the first chart shows: the other screens never download it. */
const loadChart = () => {
  loading ??= import('./chart-setup.js').then((m) => m.Chart);
  return loading;
};

/** A bar or doughnut chart with its numbers also as a table, for screen readers and for copying. */
export function ChartView(props: {
  kind: 'bar' | 'doughnut';
  title: string;
  labels: string[];
  values: number[];
}) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify([props.kind, props.labels, props.values]);
  // `key` stands for the props the chart draws.
  useEffect(() => {
    let chart: Chart | undefined;
    let gone = false;
    loadChart().then((ChartClass) => {
      if (gone || !canvas.current) return;
      chart = new ChartClass(canvas.current, {
        type: props.kind,
        data: {
          labels: props.labels,
          datasets: [
            {
              label: props.title,
              data: props.values,
              backgroundColor: props.kind === 'bar' ? COLOURS[0] : COLOURS,
              maxBarThickness: 56,
            },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: props.kind === 'doughnut', position: 'bottom' } },
          ...(props.kind === 'bar' ? { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } : {}),
        },
      });
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [key]);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={props.title} />
      </div>
      <details>
        <summary>
          {props.title}: {t('tabel', 'table')}
        </summary>
        <table>
          <tbody>
            {props.labels.map((l, i) => (
              <tr key={l}>
                <th scope="row">{l}</th>
                <td>{props.values[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
