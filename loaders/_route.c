/*
 * jieba's most probable route (precise mode, HMM off) in C.
 *
 * The Python segmenter in tokenizer.py (NoHmmSegmenter) walks jieba's prefix dictionary
 * with one dict lookup of a fresh substring per step, about 1 µs per character.  Here the
 * same dictionary is turned once into a trie of code points (an open-addressing table of
 * (parent node, code point) -> child node), and the backward pass over a run of characters
 * walks it without allocating.  Each slot holds its child's state beside the key, and the
 * children of the root (the first character of every word) sit in a flat array indexed by
 * code point, so that a step of the walk reads one slot: the table is far larger than the
 * processor's caches and the walk is bound by its memory reads.  The scores are the same IEEE doubles summed in the same
 * order and compared the same way (">=", so the longest of equal scores wins), so the route
 * is identical to the Python one; tests/loaders/test_tokenizer.py compares the two.
 *
 *   build_table(logp: dict[str, float | None]) -> table
 *       logp maps every word and every prefix of a word to log(freq) - log(total), or to
 *       None for a prefix that is not itself a word (jieba's FREQ with freq 0).
 *   route_ends(table, run: str, unknown: float) -> list[int]
 *       for each position of run, the end of the word starting there on the route.
 *   route_words(table, run: str, unknown: float, out: list) -> None
 *       appends the words of the route to out, single ASCII letters and digits glued
 *       together as jieba's cut does.
 *   tag_weights(table, runs: list[str], unknown: float, stop: set, idf: dict, median: float)
 *       -> dict[str, float]
 *       the TF-IDF weight of every word of the runs' routes longer than one character whose
 *       lower case is not in stop, in order of first occurrence: count * (idf.get(word,
 *       median) / total), total being the number of such words (NoHmmSegmenter.tag_weights).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define EMPTY UINT64_MAX
#define TABLE_CAPSULE "policykg.loaders._route.table"

enum { NOT_KEY = 0, PREFIX_ONLY = 1, WORD = 2 };

#define ROOT_SPAN 0x10000  /* first characters below this are looked up in Table.root */

typedef struct {
    uint64_t key;    /* (parent << 32) | code point, EMPTY when the slot is free */
    uint32_t child;  /* node id of the slot's key */
    uint32_t state;  /* the child's state, copied from Table.state once the table is built */
} Slot;

typedef struct {
    uint32_t child;
    uint32_t state;  /* NOT_KEY when no word starts with the code point */
} RootEntry;

typedef struct {
    Slot *slots;
    size_t capacity;     /* a power of two */
    size_t used;
    double *logp;        /* per node */
    unsigned char *state;
    size_t nodes;
    size_t node_capacity;
    RootEntry *root;     /* ROOT_SPAN entries: the root's children by code point */
} Table;

/* The slot a key hashes to: every bit of the key (the parent node in the high half as well
 * as the code point) mixed into the low bits (murmur3's 64-bit finalizer), which keeps the
 * probe sequences of the open addressing short. */
static inline size_t slot_of(uint64_t key, size_t mask)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ULL;
    key ^= key >> 33;
    return (size_t)key & mask;
}

static void table_free(Table *t)
{
    if (!t) return;
    PyMem_Free(t->slots);
    PyMem_Free(t->root);
    PyMem_Free(t->logp);
    PyMem_Free(t->state);
    PyMem_Free(t);
}

static void capsule_destructor(PyObject *capsule)
{
    table_free((Table *)PyCapsule_GetPointer(capsule, TABLE_CAPSULE));
}

static inline int64_t find_child(const Table *t, uint32_t parent, Py_UCS4 cp)
{
    uint64_t key = ((uint64_t)parent << 32) | cp;
    size_t mask = t->capacity - 1;
    for (size_t s = slot_of(key, mask);; s = (s + 1) & mask) {
        uint64_t k = t->slots[s].key;
        if (k == key) return t->slots[s].child;
        if (k == EMPTY) return -1;
    }
}

/* One step of the walk over a built table: the state of the child of ``parent`` for ``cp``
 * (NOT_KEY when there is none), the child itself in ``*child``. */
static inline uint32_t step(const Table *t, uint32_t parent, Py_UCS4 cp, uint32_t *child)
{
    if (parent == 0 && cp < ROOT_SPAN) {
        *child = t->root[cp].child;
        return t->root[cp].state;
    }
    uint64_t key = ((uint64_t)parent << 32) | cp;
    size_t mask = t->capacity - 1;
    for (size_t s = slot_of(key, mask);; s = (s + 1) & mask) {
        const Slot *slot = &t->slots[s];
        if (slot->key == key) {
            *child = slot->child;
            return slot->state;
        }
        if (slot->key == EMPTY) return NOT_KEY;
    }
}

static int grow_slots(Table *t)
{
    size_t capacity = t->capacity * 2, mask = capacity - 1;
    Slot *slots = PyMem_Malloc(capacity * sizeof(Slot));
    if (!slots) { PyErr_NoMemory(); return -1; }
    memset(slots, 0xff, capacity * sizeof(Slot));
    for (size_t i = 0; i < t->capacity; i++) {
        if (t->slots[i].key == EMPTY) continue;
        size_t s = slot_of(t->slots[i].key, mask);
        while (slots[s].key != EMPTY) s = (s + 1) & mask;
        slots[s] = t->slots[i];
    }
    PyMem_Free(t->slots);
    t->slots = slots;
    t->capacity = capacity;
    return 0;
}

static int64_t new_node(Table *t)
{
    if (t->nodes == t->node_capacity) {
        size_t capacity = t->node_capacity * 2;
        double *logp = PyMem_Realloc(t->logp, capacity * sizeof(double));
        if (!logp) { PyErr_NoMemory(); return -1; }
        t->logp = logp;
        unsigned char *state = PyMem_Realloc(t->state, capacity);
        if (!state) { PyErr_NoMemory(); return -1; }
        t->state = state;
        t->node_capacity = capacity;
    }
    t->logp[t->nodes] = 0.0;
    t->state[t->nodes] = NOT_KEY;
    return (int64_t)t->nodes++;
}

static int64_t child_or_new(Table *t, uint32_t parent, Py_UCS4 cp)
{
    int64_t found = find_child(t, parent, cp);
    if (found >= 0) return found;
    if ((t->used + 1) * 2 > t->capacity && grow_slots(t) < 0) return -1;
    int64_t node = new_node(t);
    if (node < 0) return -1;
    if (node > (int64_t)UINT32_MAX - 1) { PyErr_SetString(PyExc_OverflowError, "dictionary too large"); return -1; }
    uint64_t key = ((uint64_t)parent << 32) | cp;
    size_t mask = t->capacity - 1, s = slot_of(key, mask);
    while (t->slots[s].key != EMPTY) s = (s + 1) & mask;
    t->slots[s].key = key;
    t->slots[s].child = (uint32_t)node;
    t->used++;
    return node;
}

static PyObject *build_table(PyObject *self, PyObject *args)
{
    PyObject *logp;
    if (!PyArg_ParseTuple(args, "O!", &PyDict_Type, &logp)) return NULL;
    Table *t = PyMem_Calloc(1, sizeof(Table));
    if (!t) return PyErr_NoMemory();
    Py_ssize_t size = PyDict_Size(logp);
    t->capacity = 1024;
    while (t->capacity < (size_t)size * 2 + 2) t->capacity *= 2;
    t->node_capacity = (size_t)size + 2;
    t->slots = PyMem_Malloc(t->capacity * sizeof(Slot));
    t->root = PyMem_Calloc(ROOT_SPAN, sizeof(RootEntry));  /* all NOT_KEY, which is 0 */
    t->logp = PyMem_Malloc(t->node_capacity * sizeof(double));
    t->state = PyMem_Malloc(t->node_capacity);
    if (!t->slots || !t->root || !t->logp || !t->state) { table_free(t); return PyErr_NoMemory(); }
    memset(t->slots, 0xff, t->capacity * sizeof(Slot));
    if (new_node(t) < 0) { table_free(t); return NULL; }  /* the root, node 0 */

    Py_ssize_t pos = 0;
    PyObject *word, *value;
    while (PyDict_Next(logp, &pos, &word, &value)) {
        if (!PyUnicode_Check(word)) {
            PyErr_SetString(PyExc_TypeError, "dictionary keys must be str");
            table_free(t);
            return NULL;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(word);
        if (n == 0) continue;
        int kind = PyUnicode_KIND(word);
        const void *data = PyUnicode_DATA(word);
        int64_t node = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            node = child_or_new(t, (uint32_t)node, PyUnicode_READ(kind, data, i));
            if (node < 0) { table_free(t); return NULL; }
        }
        if (value == Py_None) {
            t->state[node] = PREFIX_ONLY;
        } else {
            double v = PyFloat_AsDouble(value);
            if (v == -1.0 && PyErr_Occurred()) { table_free(t); return NULL; }
            t->state[node] = WORD;
            t->logp[node] = v;
        }
    }
    /* each state goes beside the key that leads to it; the root's children into their array */
    for (size_t s = 0; s < t->capacity; s++) {
        Slot *slot = &t->slots[s];
        if (slot->key == EMPTY) continue;
        slot->state = t->state[slot->child];
        Py_UCS4 cp = (Py_UCS4)(slot->key & 0xffffffffu);
        if ((slot->key >> 32) == 0 && cp < ROOT_SPAN) {
            t->root[cp].child = slot->child;
            t->root[cp].state = slot->state;
        }
    }
    PyObject *capsule = PyCapsule_New(t, TABLE_CAPSULE, capsule_destructor);
    if (!capsule) table_free(t);
    return capsule;
}

/* Fill ends[0..n) with the route over run; returns 0, or -1 with an exception set. */
static int route(const Table *t, PyObject *run, double unknown, Py_ssize_t *ends)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(run);
    int kind = PyUnicode_KIND(run);
    const void *data = PyUnicode_DATA(run);
    double *score = PyMem_Malloc((n + 1) * sizeof(double));
    if (!score) { PyErr_NoMemory(); return -1; }
    score[n] = 0.0;
    for (Py_ssize_t k = n - 1; k >= 0; k--) {
        int found = 0;
        double best = 0.0;
        Py_ssize_t best_end = k + 1;
        uint32_t node = 0;
        for (Py_ssize_t i = k; i < n; i++) {
            /* the Python walk stops at the first substring that is not a dictionary key */
            uint32_t state = step(t, node, PyUnicode_READ(kind, data, i), &node);
            if (state == NOT_KEY) break;
            if (state == WORD) {
                double s = t->logp[node] + score[i + 1];
                if (!found || s >= best) { best = s; best_end = i + 1; found = 1; }
            }
        }
        if (!found) best = unknown + score[k + 1];
        score[k] = best;
        ends[k] = best_end;
    }
    PyMem_Free(score);
    return 0;
}

static Table *table_arg(PyObject *capsule)
{
    return (Table *)PyCapsule_GetPointer(capsule, TABLE_CAPSULE);
}

static PyObject *route_ends(PyObject *self, PyObject *args)
{
    PyObject *capsule, *run;
    double unknown;
    if (!PyArg_ParseTuple(args, "OUd", &capsule, &run, &unknown)) return NULL;
    Table *t = table_arg(capsule);
    if (!t) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(run);
    Py_ssize_t *ends = PyMem_Malloc((n + 1) * sizeof(Py_ssize_t));
    if (!ends) return PyErr_NoMemory();
    if (route(t, run, unknown, ends) < 0) { PyMem_Free(ends); return NULL; }
    PyObject *list = PyList_New(n);
    if (!list) { PyMem_Free(ends); return NULL; }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *e = PyLong_FromSsize_t(ends[k]);
        if (!e) { PyMem_Free(ends); Py_DECREF(list); return NULL; }
        PyList_SET_ITEM(list, k, e);
    }
    PyMem_Free(ends);
    return list;
}

static inline int latin_or_digit(Py_UCS4 c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Where a word of the route goes: appended to a list, or counted for TF-IDF. */
typedef int (*word_sink)(void *ctx, PyObject *run, Py_ssize_t start, Py_ssize_t end);

/* Hand every word of the route over ``run`` to ``sink``, single ASCII letters and digits glued
 * together as jieba's cut does; returns 0, or -1 with an exception set. */
static int walk_words(const Table *t, PyObject *run, double unknown, word_sink sink, void *ctx)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(run);
    int kind = PyUnicode_KIND(run);
    const void *data = PyUnicode_DATA(run);
    Py_ssize_t *ends = PyMem_Malloc((n + 1) * sizeof(Py_ssize_t));
    if (!ends) { PyErr_NoMemory(); return -1; }
    if (route(t, run, unknown, ends) < 0) { PyMem_Free(ends); return -1; }
    Py_ssize_t x = 0, glue = -1;  /* glue: start of a pending run of single latin letters/digits */
    while (x < n) {
        Py_ssize_t y = ends[x];
        if (y - x == 1 && latin_or_digit(PyUnicode_READ(kind, data, x))) {
            if (glue < 0) glue = x;
        } else {
            if (glue >= 0 && sink(ctx, run, glue, x) < 0) goto fail;
            glue = -1;
            if (sink(ctx, run, x, y) < 0) goto fail;
        }
        x = y;
    }
    if (glue >= 0 && sink(ctx, run, glue, n) < 0) goto fail;
    PyMem_Free(ends);
    return 0;
fail:
    PyMem_Free(ends);
    return -1;
}

static int append_substring(void *out, PyObject *run, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *word = PyUnicode_Substring(run, start, end);
    if (!word) return -1;
    int rc = PyList_Append((PyObject *)out, word);
    Py_DECREF(word);
    return rc;
}

static PyObject *route_words(PyObject *self, PyObject *args)
{
    PyObject *capsule, *run, *out;
    double unknown;
    if (!PyArg_ParseTuple(args, "OUdO!", &capsule, &run, &unknown, &PyList_Type, &out)) return NULL;
    Table *t = table_arg(capsule);
    if (!t) return NULL;
    if (walk_words(t, run, unknown, append_substring, out) < 0) return NULL;
    Py_RETURN_NONE;
}

typedef struct {
    PyObject *stop;    /* the stop words: a container of lower-case words */
    PyObject *counts;  /* word -> count, in order of first occurrence */
    Py_ssize_t total;
} Tally;

/* Whether ``word.lower()`` may differ from ``word``: it holds a character other than an ASCII
 * lower-case letter or sign and a CJK ideograph (runs hold only those and A-Z). */
static int may_lower(PyObject *word)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if ((c >= 'A' && c <= 'Z') || (c >= 0x80 && (c < 0x4E00 || c > 0x9FFF))) return 1;
    }
    return 0;
}

static int count_word(void *ctx, PyObject *run, Py_ssize_t start, Py_ssize_t end)
{
    Tally *tally = (Tally *)ctx;
    if (end - start <= 1) return 0;  /* keywords have two characters at least */
    PyObject *word = PyUnicode_Substring(run, start, end);
    if (!word) return -1;
    int stop;
    if (may_lower(word)) {
        PyObject *lower = PyObject_CallMethod(word, "lower", NULL);
        if (!lower) { Py_DECREF(word); return -1; }
        stop = PySequence_Contains(tally->stop, lower);
        Py_DECREF(lower);
    } else {
        stop = PySequence_Contains(tally->stop, word);
    }
    if (stop != 0) { Py_DECREF(word); return stop < 0 ? -1 : 0; }
    PyObject *seen = PyDict_GetItemWithError(tally->counts, word);  /* borrowed */
    PyObject *count;
    if (seen) {
        count = PyLong_FromSsize_t(PyLong_AsSsize_t(seen) + 1);
    } else if (PyErr_Occurred()) {
        Py_DECREF(word);
        return -1;
    } else {
        count = PyLong_FromLong(1);
    }
    if (!count) { Py_DECREF(word); return -1; }
    int rc = PyDict_SetItem(tally->counts, word, count);
    Py_DECREF(count);
    Py_DECREF(word);
    tally->total++;
    return rc;
}

static PyObject *tag_weights(PyObject *self, PyObject *args)
{
    PyObject *capsule, *runs, *stop, *idf;
    double unknown, median;
    if (!PyArg_ParseTuple(args, "OO!dOO!d", &capsule, &PyList_Type, &runs, &unknown, &stop, &PyDict_Type, &idf,
                          &median)) return NULL;
    Table *t = table_arg(capsule);
    if (!t) return NULL;
    Tally tally = {stop, PyDict_New(), 0};
    if (!tally.counts) return NULL;
    for (Py_ssize_t r = 0; r < PyList_GET_SIZE(runs); r++) {
        PyObject *run = PyList_GET_ITEM(runs, r);
        if (!PyUnicode_Check(run)) {
            PyErr_SetString(PyExc_TypeError, "runs must be a list of str");
            goto fail;
        }
        if (walk_words(t, run, unknown, count_word, &tally) < 0) goto fail;
    }
    PyObject *weights = PyDict_New();
    if (!weights) goto fail;
    double total = (double)tally.total;
    Py_ssize_t pos = 0;
    PyObject *word, *count;
    while (PyDict_Next(tally.counts, &pos, &word, &count)) {
        PyObject *known = PyDict_GetItemWithError(idf, word);  /* borrowed */
        double value = median;
        if (known) {
            value = PyFloat_AsDouble(known);
            if (value == -1.0 && PyErr_Occurred()) { Py_DECREF(weights); goto fail; }
        } else if (PyErr_Occurred()) {
            Py_DECREF(weights);
            goto fail;
        }
        /* jieba: freq *= idf / total, the count an int */
        PyObject *weight = PyFloat_FromDouble((double)PyLong_AsSsize_t(count) * (value / total));
        if (!weight || PyDict_SetItem(weights, word, weight) < 0) {
            Py_XDECREF(weight);
            Py_DECREF(weights);
            goto fail;
        }
        Py_DECREF(weight);
    }
    Py_DECREF(tally.counts);
    return weights;
fail:
    Py_DECREF(tally.counts);
    return NULL;
}

static PyMethodDef methods[] = {
    {"build_table", build_table, METH_VARARGS,
     "build_table(logp) -> table: a trie of jieba's prefix dictionary (word -> log probability or None)"},
    {"route_ends", route_ends, METH_VARARGS,
     "route_ends(table, run, unknown) -> list[int]: the end of the route's word starting at each position"},
    {"route_words", route_words, METH_VARARGS,
     "route_words(table, run, unknown, out) -> None: append the route's words to out"},
    {"tag_weights", tag_weights, METH_VARARGS,
     "tag_weights(table, runs, unknown, stop, idf, median) -> dict[str, float]: TF-IDF weights of the runs' words"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_route", "jieba's most probable route (HMM off) in C.", -1, methods,
};

PyMODINIT_FUNC PyInit__route(void) { return PyModule_Create(&module); }
