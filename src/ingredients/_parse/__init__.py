"""Stage 1: turn label text into an ordered list of :class:`Ingredient`.

The parser is a chain of small, linear scanners (no recursion, no backtracking
regular expressions) with hard caps, so any ``str`` -- 5 MB of junk, 10,000
nested brackets, a 100,000-character token -- parses in well under a second and
never raises.

Speed: a plain comma-separated line (ASCII, no markup, markers or separators
other than commas: most real labels) is read by a fast path that gives exactly
what the stages below give (see :func:`_read_plain_line` for why), and the work
on each piece of text between separators is memoised (item texts such as
``Glycerin`` recur across a catalogue).

Stages, in order:

1. **Decode** (offsets kept): a stringified Python list (``['Big Sky:', 'Water, ...']``)
   is decoded element by element (checked against :func:`ast.literal_eval`
   when it holds escapes or unusual characters),
   HTML tags become line breaks or vanish and entities are unescaped; full-width
   forms (``ＢＧ``, ``（＋／－）``, ``，``) and the list marks of CJK scripts (``、``,
   ``・``) read as their ASCII counterparts, one character for one. Every
   character of the decoded text remembers where it came from, so ``span`` and
   ``raw`` always point into the *original* string: ``text[s:e] == raw``.
2. **Lines**: the decoded text is cut into lines (``<br>``, list elements, line
   breaks). A line that breaks inside a name is joined to the next: when the next
   line starts with a word that carries a name on (``Vitis Vinifera (Grape)`` /
   ``Seed Oil``; ``Cetearyl`` / ``Alcohol`` only when the joined name is a known one
   and the two lines are not both known names: :mod:`.names`), or, in a comma list,
   when the line ends in no separator and no complete name (``... Seed`` /
   ``Butter, Glycerin``). One ingredient a line is never joined. Per line, in order:
   text from a stop marker on is dropped (``Please be aware that ingredient lists
   may change``, ``Disclaimer:``);
   "formulated without ..." / "free of ..." sentences are dropped (they *name*
   ingredients the product does not contain); leading marketing bullets
   (``-Snap 8 Peptide: Helps relax ...``) are dropped.
3. **Pieces**: the rest of a line is cut at top-level separators -- ``,`` (not
   inside a number or a list of locants: ``1,2-Hexanediol``, ``0,5 %``; but
   ``Glycereth-26,1,2-Hexanediol`` is two names), ``;``, ``|``, bullets (``• · ●``,
   and pictographs: ``🌿``, ``★``), sentence ends (``Phenoxyethanol. May Contain``), a dose followed by a name
   (``1.50%Water``, ``7.5% Water``), a may-contain marker inside an item,
   `` / `` or `` - `` when it is the line's dominant separator, a bracket holding
   only a blend conjunction of any pack (``Cetearyl Alcohol (and) Ceteareth-20``,
   ``(et)``, ``(und)``, ``(y)``: each name of a blend is an ingredient, at
   consecutive positions), and colons. A lone pharmacopoeia title qualifier after a comma
   (the packs' ``title_qualifiers``: ``Vaselina, bianca``) is read with the name before it. Brackets are
   matched first (unmatched ones are ignored); separators inside matched
   brackets do not count.
4. **Labels** (a piece ending in a colon): ``Ingredients:``, ``INCI:``,
   ``Active/Inactive Ingredients:`` and the packs' header phrases (``principi attivi:``; on a
   line of its own also without the colon) are headers (a title glued before them is
   dropped, a dose such as ``Octocrylene 2.70%`` is kept); ``May Contain:``,
   ``+/-``, ``[+/- ...]`` switch on ``may_contain`` until the next section;
   a short title (``Big Sky:``) becomes the ``section``, and so does a kit part's
   name in brackets before its list (``(컨실러) 옥틸도데칸올, …``, ``(Shade 1) Water``:
   :mod:`.headings`); a sentence before a colon is a lead-in and is dropped.
   Footnotes (``*Certified organic``) after a sentence end or at a line start are
   dropped, and so are sentences that read as prose (brand blurbs, claims), web addresses and batch codes
   (``F.I.L. C253486/1``). Marketing bullets without a description
   (``-Hyaluronic Acid``) and doses in bullets (``-Avobenzone 3%``) are kept,
   flagged ``"highlight"``, unless the list names them again; so is the name opening a
   key-ingredient line (``Kwas cytrynowy (aha) - rozjaśnia przebarwienia …``: a short
   capitalised name, `` - `` and a description holding a strong sentence word), also when the
   sentence it opens is prose.
5. **Items**: each piece becomes an :class:`Ingredient` -- percentages
   (``17.1%``, ``0,5 %``) go to ``percent``; ``nano``/``[nano]`` is removed and
   flagged; a pharmacopoeia dose after a name (``dexpanthenolum 50 mg``, ``aqua q.s.
   ad unguentum pro 1 g``) ends it, one before a name (``200mg kwasu azelainowego``; with a
   word of the packs' ``dose_links`` after it: ``50 mg di olio di eucalipto``) is no
   part of it, and ``excipiens ad unguentum pro 1 g`` is no item
   (words from the packs' ``dose_units``, ``dose_words``, ``potency_scales``); a word
   opening a list without a colon (the packs' ``list_leads``: ``Zawiera masło shea, …``)
   is no part of the first name;
   ``™®©``, footnote marks, trailing periods, invisible characters are
   removed from ``name`` by an ordered list of small cleaning functions
   (:data:`NAME_CLEANERS`); case is kept as written.
6. **Glued names** (:mod:`.glued`): an item that holds two or more names whose
   separator was lost (``Glycerin Dimethicone``, ``GlycerinSodium Hydroxide``, two lines
   joined) is cut into one item a name, at consecutive positions with their own spans,
   only where every part is a known name (CosIng, synonyms, the packs' name tables; after a
   lost line break, ``AllantoinAsam Traneksamat``, also a word-by-word translation), the
   whole is not read as one by the matcher's rules, and neighbouring parts name different
   substances: ``Iron Oxides CI 77491``, ``Aqua Water``, ``Butyrospermum Parkii Shea
   Butter`` stay whole. A written conjunction before a dose starts the next name, known or
   not (``benzoëzuur en 50 mg salicylzuur per gram``). Lines holding such an item are not plain.

Names and alternatives (what the matcher downstream sees):

* Parenthesis at the **end** (``Water (Aqua)``, ``Tocopheryl Acetate (Vitamin E)``,
  ``Iron Oxides (CI 77491, CI 77492)``): ``name`` is the text before it, the
  content (split at commas and synonym slashes) are ``alternatives``. Nested
  brackets stay inside the alternative as written.
* Parenthesis **inside** the name (``Butyrospermum Parkii (Shea) Butter``):
  ``name`` is kept as written; alternatives are the name without the
  parenthetical (``Butyrospermum Parkii Butter``) and, when the content is a
  short name, the content plus the words after it (``Shea Butter``).
* A bracket glued to ``Poly`` or holding a carbon range (``Poly(C6-14 Olefin)``)
  is part of the name, and so is a blend ``(and)`` nested inside another bracket
  (``Fragrance (Parfum (and) Limonene)``); a blend at the top level is cut apart.
* **Slashes** (``/`` or ``\\``): *synonyms* when a part is a CI number or a
  colour (``CI 77891/Titanium Dioxide``, ``Ci 19140 / Yellow 5``), when every
  part is a synonym word (``Aqua/Water/Eau``, ``Parfum/Fragrance``), when a later
  part starts with a French/Spanish word (``Extrait D'Orge``), or when all parts
  are multi-word names (``Paraffinum Liquidum / Mineral Oil``). The slash is
  *part of the name* when the last part ends in a polymer/ferment-type word
  (``... Crosspolymer``, ``... Triglyceride``, ``... Ferment Filtrate``), when
  plant parts meet (``Flower/Leaf/Stem``), when a part is a number
  (``PEG/PPG-18/18``), or when a one-word part modifies its neighbour
  (``Caprylic/Capric Triglyceride``, ``Dicaprylate/Dicaprate``), and when every part is
  written in Han, kana or Hangul (``乳酸桿菌/蓮籽發酵產物濾液``: words are not counted by
  spaces there). For synonyms,
  ``name`` is the first part and the others are alternatives.
* In a list whose dominant separator is `` / `` (some scraped lists), ``/``
  separates ingredients; two neighbours ``cocos nucifera oil / coconut oil``
  (same last word, the second shorter) or synonym words are merged into one
  ingredient with an alternative.

Doubts are never silent: ``flags`` holds ``"prose"`` (reads like a sentence),
``"long"`` (over 100 characters; names are cut at 300), ``"uncertain-split"``
(a boundary was guessed), ``"highlight"`` (named only in a marketing bullet),
``"nano"``, and ``"truncated"`` on the last item when a hard cap stopped the
parse (1,000,000 characters, 5,000 lines, 200,000 characters a line, 2,000
items -- far beyond any label). Only text that is clearly not an ingredient is dropped: headers,
footnotes, "formulated without" sentences, marketing bullets, and whole
paragraphs of sentences.

Modules, one per stage: :mod:`.decode`, :mod:`.lines`, :mod:`.pieces`,
:mod:`.labels`, :mod:`.items`, the fast path :mod:`.plain`, and
:mod:`.document` (the whole text), :mod:`.glued`, :mod:`.headings`; :mod:`.records` holds what they make,
:mod:`.rules` and :mod:`.text` what they share, :mod:`.names` the known names
the wrap and glued-name rules ask about (the shipped database and matcher, loaded only
when asked), and
:mod:`.languages` the words of every language pack (``data/languages/``: headers, "may contain",
stop and "free of" phrases, sentence words), loaded once. Batch scoring uses
:mod:`.batch`, a named interface, rather than the stages' helpers.
"""

from ingredients._parse.document import _clear_caches, parse
from ingredients._parse.items import NAME_CLEANERS, clean_name
from ingredients._parse.records import Ingredient

__all__ = ["NAME_CLEANERS", "Ingredient", "_clear_caches", "clean_name", "parse"]
