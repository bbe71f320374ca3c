/**
 * A small web site for RPA tests, served on 127.0.0.1: a two-page application form that hands out
 * confirmation numbers, an orders table that renders late, and a page that fails once. It keeps
 * what the form received so tests can check the browser really submitted it.
 */
import type { ServerResponse } from 'node:http';
import { startServer, type TestServer } from './server.js';

export interface Submission {
  readonly [field: string]: string;
}

export interface RpaSite extends TestServer {
  readonly submissions: Submission[];
  /** Resolves when a request for `/hang` (which is never answered) has arrived. */
  hung(): Promise<void>;
}

export const ORDERS = [
  { Order: 'A-1', Customer: 'Ada Lovelace', Total: '12.50' },
  { Order: 'A-2', Customer: 'Grace Hopper', Total: '7.00' },
  { Order: 'A-3', Customer: 'Edsger Dijkstra', Total: '99.90' },
];

export async function startRpaSite(): Promise<RpaSite> {
  const submissions: Submission[] = [];
  let flakyCalls = 0;
  let hangArrived: () => void = () => undefined;
  const hanging = new Promise<void>((resolve) => (hangArrived = resolve));
  const server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const form = Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /apply':
        return html(res, 'Apply, step 1', `
          <form method="post" action="/apply/2">
            <label>Full name <input name="name"></label>
            <label>Email <input name="email" type="email"></label>
            <button type="submit">Next</button>
          </form>`);
      case 'POST /apply/2':
        return html(res, 'Apply, step 2', `
          <form method="post" action="/apply/done">
            <input type="hidden" name="name" value="${escape(form['name'] ?? '')}">
            <input type="hidden" name="email" value="${escape(form['email'] ?? '')}">
            <label>Plan <select name="plan"><option value="basic">Basic</option><option value="pro">Professional</option></select></label>
            <label>Password <input name="password" type="password"></label>
            <label><input type="checkbox" name="terms" value="yes"> I accept the terms</label>
            <button type="submit">Submit application</button>
          </form>`);
      case 'POST /apply/done': {
        if (form['terms'] !== 'yes') return html(res, 'Error', '<p role="alert">You must accept the terms</p>');
        submissions.push(form);
        const number = `CN-${String(1000 + submissions.length)}`;
        return html(res, 'Thank you', `<h1>Thank you, ${escape(form['name'] ?? '')}</h1>
          <p>Your plan: ${escape(form['plan'] ?? '')}</p>
          <p>Confirmation number: <strong data-testid="confirmation">${number}</strong></p>`);
      }
      case 'GET /orders':
        // Rows arrive after the page has loaded, as on pages that fetch their data.
        return html(res, 'Orders', `
          <table id="orders"><thead><tr><th>Order</th><th>Customer</th><th>Total</th></tr></thead><tbody></tbody></table>
          <script>
            setTimeout(() => {
              const rows = ${JSON.stringify(ORDERS)};
              document.querySelector('#orders tbody').innerHTML = rows.map((r) => '<tr><td>' + r.Order + '</td><td>' + r.Customer + '</td><td>' + r.Total + '</td></tr>').join('');
            }, 150);
          </script>`);
      case 'GET /flaky':
        flakyCalls++;
        if (flakyCalls % 2 === 1) return html(res, 'Busy', '<p>try again</p>', 503);
        return html(res, 'Ready', '<p id="status">ready</p>');
      case 'GET /upload':
        return html(res, 'Upload', `<label>Attachment <input type="file" id="file"></label><p id="chosen"></p>
          <script>document.getElementById('file').addEventListener('change', (e) => { document.getElementById('chosen').textContent = e.target.files[0].name; });</script>`);
      case 'GET /hang':
        hangArrived();
        return; // never answered: the client gives up, or the server closes it
      default:
        return html(res, 'Not found', '<p>no such page</p>', 404);
    }
  });
  return Object.assign(server, { submissions, hung: () => hanging });
}

function html(res: ServerResponse, title: string, body: string, status = 200): void {
  const text = `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
