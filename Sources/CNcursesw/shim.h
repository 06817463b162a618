#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

// The wide-character API (get_wch, cchar_t, setcchar) is only declared with these set, and a
// cSettings define does not reach Swift's importer: they must come before the include.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <wchar.h>
#include <ncurses.h>

// Attributes, COLOR_PAIR and getmaxyx are macros, which Swift cannot call: wrap them.
static inline attr_t cncursesw_a_normal(void) { return A_NORMAL; }
static inline attr_t cncursesw_a_bold(void) { return A_BOLD; }
static inline attr_t cncursesw_a_reverse(void) { return A_REVERSE; }
static inline attr_t cncursesw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cncursesw_a_dim(void) { return A_DIM; }

static inline WINDOW *cncursesw_stdscr(void) { return stdscr; }

static inline void cncursesw_getmaxyx(WINDOW *window, int *rows, int *columns) {
    getmaxyx(window, *rows, *columns);
}

static inline int cncursesw_key_f(int n) { return KEY_F(n); }

// Puts one grapheme (up to CCHARW_MAX wide characters, NUL-terminated) at row y, column x.
static inline int cncursesw_put_cell(int y, int x, const wchar_t *text, attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

// The escape strings that undo full-screen mode, looked up once from terminfo so that a
// signal handler can write them without calling into curses.
static inline const char *cncursesw_tigetstr(const char *capability) {
    char *value = tigetstr(capability);
    if (value == (char *)-1 || value == NULL) return "";
    return value;
}

#endif
