// Server-sent events from a fetch() body: yields each event's `data` (lines joined), across any chunk split.

export async function* sseData(body) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    buffer += decoder.decode(value || new Uint8Array(), {stream: !done});
    let end;
    while ((end = eventEnd(buffer)) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^(\r\n|\r|\n){2}/, '');
      const data = event.split(/\r\n|\r|\n/).filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, '')).join('\n');
      if (data) yield data;
    }
    if (done) return;
  }
}

function eventEnd(buffer) {
  const m = /(\r\n|\r|\n)(\r\n|\r|\n)/.exec(buffer);
  return m ? m.index : -1;
}
