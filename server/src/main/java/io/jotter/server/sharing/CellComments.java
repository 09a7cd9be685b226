package io.jotter.server.sharing;

/** The rules of a new comment, for owners and for those a notebook is shared with alike. */
final class CellComments {
    static final int MAX_LENGTH = 10_000;

    private CellComments() {
    }

    static void add(ShareStore shares, long notebookId, String author, SharedResource.NewComment comment) {
        if (comment == null || comment.cellId() == null || comment.cellId().isBlank()
                || comment.body() == null || comment.body().isBlank()) {
            throw SharingException.badRequest("A comment names its cell (cell_id) and says something (body).");
        }
        if (comment.body().length() > MAX_LENGTH) {
            throw SharingException.badRequest("A comment holds at most " + MAX_LENGTH + " characters.");
        }
        shares.comment(notebookId, comment.cellId(), author, comment.body().strip());
    }
}
