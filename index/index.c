/* index/: filled by the index module. */
typedef int ev_index_placeholder_;
