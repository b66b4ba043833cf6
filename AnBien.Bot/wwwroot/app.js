// The bot's own chat page. It speaks Direct Line 3.0 to the bot (docs/protocols/botframework.md §8): a session from
// /api/webchat/session, messages POSTed to /v3/directline/…/activities, everything the bot and the user say arriving on
// the WebSocket stream, replayed from the watermark after a drop. No framework, no build step, no inline script.

const STORAGE_KEY = 'anbien.webchat';
const $ = (id) => document.getElementById(id);
const ui = {
  transcript: $('transcript'), choices: $('choices'), typing: $('typing'), status: $('status'),
  composer: $('composer'), input: $('message'), picker: $('picker'), pickerList: $('picker-list'),
  pickerFilter: $('picker-filter'), switchPerson: $('switch-person'), subtitle: $('subtitle'),
};

const state = {
  conversationId: null, token: null, watermark: 0, socket: null, closing: false,
  retryDelay: 1000, retryTimer: null, refreshTimer: null, typingTimer: null,
  seen: new Set(), pending: new Map(), demo: false, linked: false, people: [],
};

// ---- storage: the browser key (a signed, long-lived identity) and the conversation to resume -------------------

function saved() {
  try { return JSON.parse(localStorage.getItem(STORAGE_KEY)) || {}; } catch { return {}; }
}

function save(values) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...saved(), ...values }));
}

// ---- server calls --------------------------------------------------------------------------------------------

async function api(path, { method = 'GET', body, auth = true } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (auth && state.token) headers.Authorization = `Bearer ${state.token}`;
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
}

async function openSession({ fresh = false } = {}) {
  const { browserKey, conversationId } = saved();
  const response = await api('api/webchat/session', {
    method: 'POST', auth: false, body: { browserKey, conversationId: fresh ? null : conversationId },
  });
  if (!response.ok) throw new Error(`session ${response.status}`);
  const session = await response.json();
  if (session.conversationId !== state.conversationId) resetTranscript();
  state.conversationId = session.conversationId;
  state.token = session.token;
  state.demo = session.demo;
  state.linked = session.linked;
  if (session.name) ui.subtitle.textContent = session.name;
  // "Đổi người" means nothing before someone is picked or linked.
  ui.switchPerson.hidden = !(session.demo && session.linked);
  save({ browserKey: session.browserKey, conversationId: session.conversationId });
  scheduleRefresh(session.expiresIn);
  return session;
}

function scheduleRefresh(expiresIn) {
  clearTimeout(state.refreshTimer);
  // DirectLineJS refreshes at half the lifetime; so do we.
  state.refreshTimer = setTimeout(refreshToken, Math.max(30, expiresIn / 2) * 1000);
}

async function refreshToken() {
  try {
    const response = await api('v3/directline/tokens/refresh', { method: 'POST' });
    if (response.status === 403) { await openSession(); return; }
    if (!response.ok) throw new Error(`refresh ${response.status}`);
    const body = await response.json();
    state.token = body.token;
    scheduleRefresh(body.expires_in);
  } catch {
    scheduleRefresh(60);
  }
}

// ---- the stream ----------------------------------------------------------------------------------------------

function connect(streamUrl) {
  closeSocket();
  state.closing = false;
  const socket = new WebSocket(streamUrl);
  state.socket = socket;
  socket.addEventListener('open', () => {
    state.retryDelay = 1000;
    showStatus(null);
  });
  socket.addEventListener('message', (event) => {
    if (!event.data) return; // keep-alive
    const set = JSON.parse(event.data);
    receive(set);
  });
  socket.addEventListener('close', () => {
    if (state.socket !== socket || state.closing) return;
    state.socket = null;
    showStatus('Mất kết nối. Đang kết nối lại…', true);
    scheduleReconnect();
  });
}

function closeSocket() {
  if (!state.socket) return;
  state.closing = true;
  state.socket.close();
  state.socket = null;
}

function scheduleReconnect() {
  clearTimeout(state.retryTimer);
  state.retryTimer = setTimeout(reconnect, state.retryDelay);
  state.retryDelay = Math.min(state.retryDelay * 2, 15000);
}

async function reconnect() {
  clearTimeout(state.retryTimer);
  if (state.socket && state.socket.readyState <= WebSocket.OPEN) return;
  try {
    let response = await api(`v3/directline/conversations/${encodeURIComponent(state.conversationId)}?watermark=${state.watermark}`);
    if (response.status === 403 || response.status === 401 || response.status === 404) {
      await openSession();
      response = await api(`v3/directline/conversations/${encodeURIComponent(state.conversationId)}?watermark=${state.watermark}`);
    }
    if (!response.ok) throw new Error(`reconnect ${response.status}`);
    connect((await response.json()).streamUrl);
  } catch {
    scheduleReconnect();
  }
}

/** Catches up by polling when the stream is down but a POST got through. */
async function catchUp() {
  try {
    const response = await api(`v3/directline/conversations/${encodeURIComponent(state.conversationId)}/activities?watermark=${state.watermark}`);
    if (response.ok) receive(await response.json());
  } catch { /* the reconnect loop keeps trying */ }
}

function receive(set) {
  for (const activity of set.activities || []) render(activity);
  if (set.watermark !== undefined && set.watermark !== null) {
    state.watermark = Math.max(state.watermark, Number(set.watermark) || 0);
  }
}

// ---- rendering -----------------------------------------------------------------------------------------------

function resetTranscript() {
  ui.transcript.replaceChildren();
  ui.choices.replaceChildren();
  state.seen.clear();
  state.pending.clear();
  state.watermark = 0;
}

function render(activity) {
  const fromBot = activity.from && activity.from.role === 'bot';
  if (activity.type === 'typing') {
    if (fromBot) showTyping(5000);
    return;
  }
  if (activity.type !== 'message' || state.seen.has(activity.id)) return;
  state.seen.add(activity.id);

  if (!fromBot) {
    const clientId = activity.channelData && activity.channelData.clientActivityID;
    const pending = clientId && state.pending.get(clientId);
    if (pending) {
      state.pending.delete(clientId);
      pending.classList.remove('pending', 'failed');
      pending.replaceChildren(document.createTextNode(activity.text || ''));
    } else {
      addBubble('user', activity.text || '');
    }
    setChoices(null);
    return;
  }

  hideTyping();
  if (!state.linked) noticeLinking();
  addBubble('bot', activity.text || '');
  setChoices(activity);
}

function addBubble(who, text) {
  const bubble = document.createElement('div');
  bubble.className = `msg ${who}`;
  bubble.textContent = text;
  if (who === 'bot') bubble.setAttribute('aria-label', `Trợ lý: ${text}`);
  ui.transcript.append(bubble);
  bubble.scrollIntoView({ block: 'end' });
  return bubble;
}

/** The latest bot message's suggested actions become buttons; a click sends the label, with the value and question id. */
function setChoices(activity) {
  const hadFocus = ui.choices.contains(document.activeElement);
  ui.choices.replaceChildren();
  const actions = activity && activity.suggestedActions && activity.suggestedActions.actions;
  if (!actions || actions.length === 0) return;
  const data = activity.channelData || {};
  const values = data.choices || [];
  for (const [index, action] of actions.entries()) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = action.title;
    const choice = values[index] && values[index].label === action.title ? values[index].value : null;
    button.addEventListener('click', () => {
      for (const b of ui.choices.querySelectorAll('button')) b.disabled = true;
      send(action.value || action.title, choice ? { choice, prompt: data.promptId } : undefined);
    });
    ui.choices.append(button);
  }
  ui.transcript.lastElementChild?.scrollIntoView({ block: 'end' });
  if (hadFocus || document.activeElement === document.body) ui.choices.firstElementChild.focus({ preventScroll: true });
}

function showTyping(ms) {
  ui.typing.hidden = false;
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(hideTyping, ms);
}

function hideTyping() {
  clearTimeout(state.typingTimer);
  ui.typing.hidden = true;
}

function showStatus(text, warning = false) {
  ui.status.hidden = !text;
  ui.status.textContent = text || '';
  ui.status.classList.toggle('error', warning);
}

// ---- sending -------------------------------------------------------------------------------------------------

function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function send(text, value, clientId = newClientId(), bubble = null) {
  if (!text || !text.trim()) return;
  if (!ui.picker.hidden) showPicker(false);
  bubble = bubble || addBubble('user', text);
  bubble.classList.add('pending');
  bubble.classList.remove('failed');
  state.pending.set(clientId, bubble);
  showTyping(15000);
  const activity = {
    type: 'message', from: { id: 'me', role: 'user' }, locale: 'vi-VN', text, value,
    channelData: { clientActivityID: clientId },
  };
  try {
    let response = await api(`v3/directline/conversations/${encodeURIComponent(state.conversationId)}/activities`, { method: 'POST', body: activity });
    if (response.status === 403 || response.status === 401) {
      await openSession();
      response = await api(`v3/directline/conversations/${encodeURIComponent(state.conversationId)}/activities`, { method: 'POST', body: activity });
    }
    if (!response.ok) throw new Error(`send ${response.status}`);
    if (!state.socket || state.socket.readyState !== WebSocket.OPEN) await catchUp();
  } catch {
    hideTyping();
  if (!state.linked) noticeLinking();
    failed(bubble, text, value, clientId);
  }
}

function failed(bubble, text, value, clientId) {
  bubble.classList.remove('pending');
  bubble.classList.add('failed');
  const note = document.createElement('span');
  note.className = 'note';
  note.textContent = 'Chưa gửi được.';
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.className = 'retry';
  retry.textContent = 'Gửi lại';
  // The same client id again: if the first try did arrive, the bot stores and answers it only once.
  retry.addEventListener('click', () => {
    bubble.replaceChildren(document.createTextNode(text));
    send(text, value, clientId, bubble);
  });
  bubble.replaceChildren(document.createTextNode(text), note, retry);
  bubble.scrollIntoView({ block: 'end' });
  // The question is still open: its buttons work again (a new click is a new message).
  for (const b of ui.choices.querySelectorAll('button')) b.disabled = false;
}

// A code typed into the chat links the person on the bot's side; the page learns the name from the session it asks
// for again, once per bot reply until it is linked.
async function noticeLinking() {
  if (state.checkingLink) return;
  state.checkingLink = true;
  try {
    await openSession();
  } catch {
    // The next bot reply asks again.
  } finally {
    state.checkingLink = false;
  }
}

// ---- demo picker ---------------------------------------------------------------------------------------------

async function loadPeople() {
  const response = await api('api/webchat/demo-staff', { auth: false });
  state.people = response.ok ? await response.json() : [];
}

function showPicker(visible) {
  ui.picker.hidden = !visible;
  ui.transcript.hidden = visible;
  if (visible) {
    renderPeople('');
    ui.pickerFilter.value = '';
  }
}

function renderPeople(filter) {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  ui.pickerList.replaceChildren();
  for (const person of state.people) {
    const haystack = fold(`${person.name} ${person.title || ''} ${person.unit}`);
    if (!words.every((w) => haystack.includes(w))) continue;
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.code = person.code;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = person.name;
    const role = document.createElement('span');
    role.className = 'role';
    role.textContent = [person.title, person.unit].filter(Boolean).join(' · ');
    button.append(name, role);
    button.addEventListener('click', () => pick(person));
    item.append(button);
    ui.pickerList.append(item);
  }
}

function fold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

async function pick(person) {
  const response = await api('api/webchat/demo-signin', { method: 'POST', body: { staffCode: person.code } });
  if (!response.ok) {
    showStatus('Không chọn được người này. Vui lòng thử lại.', true);
    return;
  }
  state.linked = true;
  ui.subtitle.textContent = person.name;
  ui.switchPerson.hidden = false;
  showPicker(false);
  ui.input.focus();
}

async function switchPerson() {
  closeSocket();
  const session = await openSession({ fresh: true });
  connect(session.streamUrl);
  ui.subtitle.textContent = 'Tự đánh giá hằng tháng theo Kế hoạch 118';
  ui.switchPerson.hidden = true;
  showPicker(true);
}

// ---- start ---------------------------------------------------------------------------------------------------

function start() {
  ui.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.input.value;
    ui.input.value = '';
    send(text);
  });
  ui.pickerFilter.addEventListener('input', () => renderPeople(ui.pickerFilter.value));
  ui.switchPerson.addEventListener('click', switchPerson);
  window.addEventListener('online', reconnect);
  // A phone that loses its network often keeps a dead socket open for minutes: drop it at once and say so.
  window.addEventListener('offline', () => {
    if (state.socket) state.socket.close();
    showStatus('Mất kết nối mạng. Cuộc trò chuyện được giữ nguyên; đang chờ kết nối lại…', true);
  });
  begin();
}

async function begin() {
  try {
    const session = await openSession();
    connect(session.streamUrl);
    if (session.demo) {
      await loadPeople();
      if (!session.linked) showPicker(true);
    }
  } catch {
    showStatus('Không kết nối được với trợ lý. Đang thử lại…', true);
    setTimeout(begin, 3000);
    return;
  }
  document.body.dataset.ready = 'true';
}

start();
