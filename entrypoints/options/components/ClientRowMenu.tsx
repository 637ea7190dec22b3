import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { RowAction, RowMenuItem } from './lifecycle/row-actions';
import './client-list.css';

interface ClientRowMenuProps {
  /** Names the button for assistive technology, e.g. "Actions for Acme Outdoor". */
  label: string;
  items: RowMenuItem[];
  onSelect: (action: RowAction) => void;
}

/**
 * A client's ︙ menu, after the WAI-ARIA menu button pattern: Enter, Space or the arrow keys
 * open it, arrows, Home and End move through it, Escape closes it and focus goes back to
 * the button. The button has focus again before `onSelect` runs, so a dialog it opens
 * returns focus there when it closes.
 */
export function ClientRowMenu({ label, items, onSelect }: ClientRowMenuProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();

  function focusItem(index: number) {
    setActive(index);
    menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[index]?.focus();
  }

  // A layout effect runs as the menu appears, before anything else can move the focus; a
  // later one could pull the focus back into a menu that a quick click has already closed.
  useLayoutEffect(() => {
    if (open) focusItem(active);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the menu opening moves the focus; focusItem moves it after that
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !containerRef.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function openAt(index: number) {
    setActive(index);
    setOpen(true);
  }

  function closeToButton() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function choose(action: RowAction) {
    closeToButton();
    onSelect(action);
  }

  function onButtonKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(event.key === 'ArrowDown' ? 0 : items.length - 1);
    }
  }

  function onMenuKeyDown(event: KeyboardEvent) {
    const last = items.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active >= last ? 0 : active + 1,
      ArrowUp: active <= 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      focusItem(next);
    } else if (event.key === 'Escape') {
      // Only the menu closes; a dialog or page behind it must not hear this Escape.
      event.preventDefault();
      event.stopPropagation();
      closeToButton();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  }

  return (
    <div class="row-menu" ref={containerRef}>
      <button
        ref={buttonRef}
        type="button"
        class="row-menu-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? setOpen(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        {/* Drawn rather than typed: not every system font has the ︙ character. */}
        <svg aria-hidden="true" focusable="false" width="4" height="16" viewBox="0 0 4 16">
          <circle cx="2" cy="2" r="1.6" fill="currentColor" />
          <circle cx="2" cy="8" r="1.6" fill="currentColor" />
          <circle cx="2" cy="14" r="1.6" fill="currentColor" />
        </svg>
      </button>
      {open && (
        <ul id={menuId} role="menu" aria-label={label} ref={menuRef} onKeyDown={onMenuKeyDown}>
          {items.map((item, index) => (
            <li role="none" key={item.action}>
              <button
                type="button"
                role="menuitem"
                tabIndex={index === active ? 0 : -1}
                aria-disabled={item.disabledReason ? 'true' : undefined}
                aria-describedby={item.disabledReason ? `${menuId}-reason-${index}` : undefined}
                title={item.disabledReason}
                data-action={item.action}
                onClick={() => choose(item.action)}
                onMouseEnter={() => focusItem(index)}
              >
                {item.label}
              </button>
              {/* The reason in words under the item, not only in a tooltip that touch and keys never show. */}
              {item.disabledReason && (
                <span id={`${menuId}-reason-${index}`} class="row-menu-reason">
                  {item.disabledReason}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
