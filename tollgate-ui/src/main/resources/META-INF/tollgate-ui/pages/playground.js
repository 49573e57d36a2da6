// Playground: pick a model from /v1/models, send one chat message (streamed or not), see the reply, cost and latency.
import {h, field, errorBox, usd} from '../dom.js';
import {api, messageOf, url} from '../api.js';
import {session} from '../session.js';
import {sseData} from '../sse.js';

export async function playgroundPage(main) {
  const model = h('select', {name: 'model', required: true});
  const prompt = h('textarea', {name: 'prompt', rows: 4, required: true}, 'Say hello in five words.');
  const stream = h('input', {type: 'checkbox', name: 'stream', checked: true});
  const send = h('button', {type: 'submit', id: 'playground-send'}, 'Send');
  const messages = h('div', {class: 'status-slot'});
  const reply = h('div', {class: 'reply', id: 'playground-reply', 'aria-live': 'polite'});
  const meta = h('dl', {class: 'inline-facts', id: 'playground-meta'});
  const form = h('form', {class: 'card'}, field('Model', model), field('Message', prompt),
    h('label', {class: 'check'}, stream, ' Stream the reply'), h('div', {class: 'actions'}, send));
  main.append(h('h1', {}, 'Playground'), form, messages, h('h2', {}, 'Reply'), reply, meta);

  try {
    const list = await api('/v1/models');
    const ids = (list.data || []).map((m) => m.id).sort();
    model.replaceChildren(...ids.map((id) => h('option', {value: id}, id)));
    if (!ids.length) messages.replaceChildren(errorBox('This key may call no model.'));
  } catch (e) {
    messages.replaceChildren(errorBox(e.message));
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    messages.replaceChildren();
    reply.textContent = '';
    meta.replaceChildren();
    send.disabled = true;
    const started = performance.now();
    let firstToken = null;
    try {
      const body = {model: model.value, messages: [{role: 'user', content: prompt.value}], stream: stream.checked};
      const response = await fetch(url('/v1/chat/completions'), {method: 'POST', cache: 'no-store',
        headers: {Authorization: `Bearer ${session.key}`, 'Content-Type': 'application/json'},
        body: JSON.stringify(body)});
      if (!response.ok) {
        const text = await response.text();
        let data = null;
        try { data = JSON.parse(text); } catch { data = null; }
        throw new Error(messageOf(response.status, data, text));
      }
      let usage = null;
      if (stream.checked) {
        for await (const data of sseData(response.body)) {
          if (data === '[DONE]') break;
          const chunk = JSON.parse(data);
          if (chunk.error) throw new Error(chunk.error.message || 'The stream failed.');
          const delta = chunk.choices?.[0]?.delta?.content;
          if (delta) {
            if (firstToken === null) firstToken = performance.now() - started;
            reply.append(delta);
          }
          if (chunk.usage) usage = chunk.usage;
        }
      } else {
        const data = await response.json();
        reply.textContent = data.choices?.[0]?.message?.content ?? '';
        usage = data.usage;
      }
      const total = performance.now() - started;
      const cost = response.headers.get('x-litellm-response-cost');
      const facts = [
        ['Latency', `${Math.round(total)} ms`],
        firstToken !== null ? ['First token', `${Math.round(firstToken)} ms`] : null,
        ['Cost', cost !== null ? usd(Number(cost)) : 'not sent for streams; see Logs'],
        usage ? ['Tokens', `${usage.prompt_tokens ?? 0} in · ${usage.completion_tokens ?? 0} out`] : null,
        ['Call id', response.headers.get('x-litellm-call-id') || '—'],
      ].filter(Boolean);
      meta.replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {'data-fact': k}, v)]));
    } catch (err) {
      messages.replaceChildren(errorBox(err.message));
    } finally {
      send.disabled = false;
    }
  });
}
