/* indexer/ placeholder */
typedef int ev_indexer_placeholder_;
