// {{variable}} completion for the builder's text fields: typing "{{" (and the start of a name)
// opens a list of the variables the flow knows under the field; arrows move, Enter or Tab or a
// click inserts "{{name}}", Escape closes. Works on the native input or textarea of a Vaadin field.
type Field = HTMLElement & { inputElement?: HTMLInputElement | HTMLTextAreaElement };

function attach(field: Field, variables: string[]): void {
  const input = field.inputElement ?? field.querySelector<HTMLInputElement | HTMLTextAreaElement>('textarea, input');
  if (!input || (input as HTMLElement).dataset.autocomplete === 'on') {
    return;
  }
  (input as HTMLElement).dataset.autocomplete = 'on';
  const list = suggestions();
  let matches: string[] = [];
  let active = 0;

  const typed = (): string | null => {
    const before = input.value.slice(0, input.selectionStart ?? input.value.length);
    const open = /\{\{\s*([\w.]*)$/.exec(before);
    return open ? open[1] : null;
  };
  const close = () => { list.style.display = 'none'; matches = []; };
  const render = () => {
    list.innerHTML = '';
    matches.forEach((name, index) => {
      const option = document.createElement('div');
      option.textContent = name;
      option.setAttribute('role', 'option');
      option.dataset.variable = name;
      Object.assign(option.style, { padding: '4px 10px', cursor: 'pointer', background: index === active ? '#e8f0fe' : 'white' });
      option.addEventListener('mousedown', (event) => { event.preventDefault(); insert(name); });
      list.appendChild(option);
    });
    const box = input.getBoundingClientRect();
    Object.assign(list.style, { left: `${box.left + window.scrollX}px`, top: `${box.bottom + window.scrollY}px`,
      minWidth: `${Math.min(box.width, 260)}px`, display: matches.length ? 'block' : 'none' });
  };
  const insert = (name: string) => {
    const caret = input.selectionStart ?? input.value.length;
    const before = input.value.slice(0, caret).replace(/\{\{\s*[\w.]*$/, '');
    const after = input.value.slice(caret).replace(/^[\w.]*\s*(\}\})?/, '');
    input.value = `${before}{{${name}}}${after}`;
    const at = before.length + name.length + 4;
    input.setSelectionRange(at, at);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    close();
  };
  input.addEventListener('input', () => {
    const prefix = typed();
    matches = prefix === null ? [] : variables.filter((name) => name.toLowerCase().startsWith(prefix.toLowerCase()));
    active = 0;
    render();
  });
  input.addEventListener('keydown', (event: Event) => {
    const key = (event as KeyboardEvent).key;
    if (!matches.length) {
      return;
    }
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      active = (active + (key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      render();
    } else if (key === 'Enter' || key === 'Tab') {
      insert(matches[active]);
    } else if (key === 'Escape') {
      close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }, true);
  input.addEventListener('blur', close);
}

let shared: HTMLDivElement | undefined;

/** One list serves every field: only the focused one shows it. */
function suggestions(): HTMLDivElement {
  if (!shared) {
    shared = document.createElement('div');
    shared.id = 'variable-suggestions';
    shared.setAttribute('role', 'listbox');
    Object.assign(shared.style, {
      position: 'absolute', zIndex: '1000', background: 'white', border: '1px solid #ccc', borderRadius: '6px',
      boxShadow: '0 2px 8px rgba(0,0,0,0.15)', fontSize: '13px', display: 'none', maxHeight: '12em', overflowY: 'auto',
    });
    document.body.appendChild(shared);
  }
  return shared;
}

(window as unknown as { conversaVariableAutocomplete: typeof attach }).conversaVariableAutocomplete = attach;
