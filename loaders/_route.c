/*
 * jieba's most probable route (precise mode, HMM off) in C.
 *
 * The Python segmenter in tokenizer.py (NoHmmSegmenter) walks jieba's prefix dictionary
 * with one dict lookup of a fresh substring per step, about 1 µs per character.  Here the
 * same dictionary is turned once into a trie of code points (an open-addressing table of
 * (parent node, code point) -> child node), and the backward pass over a run of characters
 * walks it without allocating.  The scores are the same IEEE doubles summed in the same
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
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define EMPTY UINT64_MAX
#define TABLE_CAPSULE "policykg.loaders._route.table"

enum { NOT_KEY = 0, PREFIX_ONLY = 1, WORD = 2 };

typedef struct {
    uint64_t *keys;      /* (parent << 32) | code point, EMPTY when the slot is free */
    uint32_t *children;  /* node id of the slot's key */
    size_t capacity;     /* a power of two */
    size_t used;
    double *logp;        /* per node */
    unsigned char *state;
    size_t nodes;
    size_t node_capacity;
} Table;

static inline size_t slot_of(uint64_t key, size_t mask)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 17) & mask;
}

static void table_free(Table *t)
{
    if (!t) return;
    PyMem_Free(t->keys);
    PyMem_Free(t->children);
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
        uint64_t k = t->keys[s];
        if (k == key) return t->children[s];
        if (k == EMPTY) return -1;
    }
}

static int grow_slots(Table *t)
{
    size_t capacity = t->capacity * 2, mask = capacity - 1;
    uint64_t *keys = PyMem_Malloc(capacity * sizeof(uint64_t));
    uint32_t *children = PyMem_Malloc(capacity * sizeof(uint32_t));
    if (!keys || !children) { PyMem_Free(keys); PyMem_Free(children); PyErr_NoMemory(); return -1; }
    memset(keys, 0xff, capacity * sizeof(uint64_t));
    for (size_t i = 0; i < t->capacity; i++) {
        if (t->keys[i] == EMPTY) continue;
        size_t s = slot_of(t->keys[i], mask);
        while (keys[s] != EMPTY) s = (s + 1) & mask;
        keys[s] = t->keys[i];
        children[s] = t->children[i];
    }
    PyMem_Free(t->keys);
    PyMem_Free(t->children);
    t->keys = keys;
    t->children = children;
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
    while (t->keys[s] != EMPTY) s = (s + 1) & mask;
    t->keys[s] = key;
    t->children[s] = (uint32_t)node;
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
    t->keys = PyMem_Malloc(t->capacity * sizeof(uint64_t));
    t->children = PyMem_Malloc(t->capacity * sizeof(uint32_t));
    t->logp = PyMem_Malloc(t->node_capacity * sizeof(double));
    t->state = PyMem_Malloc(t->node_capacity);
    if (!t->keys || !t->children || !t->logp || !t->state) { table_free(t); return PyErr_NoMemory(); }
    memset(t->keys, 0xff, t->capacity * sizeof(uint64_t));
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
        int64_t node = 0;
        for (Py_ssize_t i = k; i < n; i++) {
            node = find_child(t, (uint32_t)node, PyUnicode_READ(kind, data, i));
            /* the Python walk stops at the first substring that is not a dictionary key */
            if (node < 0 || t->state[node] == NOT_KEY) break;
            if (t->state[node] == WORD) {
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

static int append_substring(PyObject *out, PyObject *run, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *word = PyUnicode_Substring(run, start, end);
    if (!word) return -1;
    int rc = PyList_Append(out, word);
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
    Py_ssize_t n = PyUnicode_GET_LENGTH(run);
    int kind = PyUnicode_KIND(run);
    const void *data = PyUnicode_DATA(run);
    Py_ssize_t *ends = PyMem_Malloc((n + 1) * sizeof(Py_ssize_t));
    if (!ends) return PyErr_NoMemory();
    if (route(t, run, unknown, ends) < 0) { PyMem_Free(ends); return NULL; }
    Py_ssize_t x = 0, glue = -1;  /* glue: start of a pending run of single latin letters/digits */
    while (x < n) {
        Py_ssize_t y = ends[x];
        if (y - x == 1 && latin_or_digit(PyUnicode_READ(kind, data, x))) {
            if (glue < 0) glue = x;
        } else {
            if (glue >= 0 && append_substring(out, run, glue, x) < 0) goto fail;
            glue = -1;
            if (append_substring(out, run, x, y) < 0) goto fail;
        }
        x = y;
    }
    if (glue >= 0 && append_substring(out, run, glue, n) < 0) goto fail;
    PyMem_Free(ends);
    Py_RETURN_NONE;
fail:
    PyMem_Free(ends);
    return NULL;
}

static PyMethodDef methods[] = {
    {"build_table", build_table, METH_VARARGS,
     "build_table(logp) -> table: a trie of jieba's prefix dictionary (word -> log probability or None)"},
    {"route_ends", route_ends, METH_VARARGS,
     "route_ends(table, run, unknown) -> list[int]: the end of the route's word starting at each position"},
    {"route_words", route_words, METH_VARARGS,
     "route_words(table, run, unknown, out) -> None: append the route's words to out"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_route", "jieba's most probable route (HMM off) in C.", -1, methods,
};

PyMODINIT_FUNC PyInit__route(void) { return PyModule_Create(&module); }
