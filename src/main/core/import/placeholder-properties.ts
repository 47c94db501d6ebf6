// What a document's properties hold when nobody wrote them: the program's or the template's own
// words. Such a title or author is left out, so the document's first heading titles it and no
// byline says "Administrator" (two agency memos were both listed as "DHS Memorandum Template" by
// "Administrator").

/**
 * A title the program or template set: "Untitled", "Document1", "Slide 1" or "PowerPoint
 * Presentation" (a deck printed to PDF), "Microsoft Word - x.doc", a file name, a template's name.
 */
const PLACEHOLDER_TITLE =
  /^(untitled( document)?|about:blank|document\d*|slide \d+|powerpoint presentation|presentation\d*|book\d*|microsoft (word|excel|powerpoint) - .*|.*\.(docx?|dotx?|dotm|pptx?|xlsx?|pdf|indd|rtf|odt|ott|pages|html?)|.*\btemplate\b.*)$/i

/** An author the computer filled in: the account it ran under, not a person or an office. */
const PLACEHOLDER_AUTHOR = /^(administrator|admin|user|owner|author|unknown|windows user|microsoft office user|valued customer|preferred customer)$/i

/** The title, unless it is a placeholder (see PLACEHOLDER_TITLE). */
export function writtenTitle(title: string | null): string | null {
  return title !== null && !PLACEHOLDER_TITLE.test(title.trim()) ? title : null
}

/** The author, unless it is a placeholder (see PLACEHOLDER_AUTHOR). */
export function writtenAuthor(author: string | null): string | null {
  return author !== null && !PLACEHOLDER_AUTHOR.test(author.trim()) ? author : null
}
