// RFC 8259 conformance, after the y_ (must accept) and n_ (must reject) rules of JSONTestSuite.
// The inputs are our own small documents written to those rules, not copies of the suite's files.
import { describe, expect, test } from 'vitest'
import { JsonEventParser, type JsonEventHandler } from '../../../../../../src/main/core/import/json/json-event-parser'
import { JsonSyntaxError } from '../../../../../../src/main/core/import/json/json-syntax-error'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'
import { bytes, readJsonText } from './read-json-text'

const ignore: JsonEventHandler = {
  beginObject() {},
  endObject() {},
  beginArray() {},
  endArray() {},
  key() {},
  string() {},
  number() {},
  literal() {},
  endValue() {}
}

/** Parses a whole document one character per feed, the harshest split there is. */
function parseByCharacter(text: string): void {
  const parser = new JsonEventParser(ignore, false)
  let offset = 0
  for (const ch of text) {
    parser.feed(ch, offset)
    offset += Buffer.byteLength(ch)
  }
  parser.finish(offset)
}

// [name, a JSON value, the text it is stored as when it is a row's member value]
const ACCEPTED: [string, string, string | null][] = [
  ['y_array_empty', '[]', '[]'],
  ['y_array_with_spaces', '[[]   ]', '[[]]'],
  ['y_array_empty_string', '[""]', '[""]'],
  ['y_array_false', '[false]', '[false]'],
  ['y_array_heterogeneous', '[null, 1, "1", {}]', '[null,1,"1",{}]'],
  ['y_array_with_several_null', '[1,null,null,null,2]', '[1,null,null,null,2]'],
  ['y_array_with_newline', '[1\n]', '[1]'],
  ['y_number_int', '123', '123'],
  ['y_number_negative_int', '-123', '-123'],
  ['y_number_minus_zero', '-0', '-0'],
  ['y_number_zero_exp_plus', '0e+1', '0e+1'],
  ['y_number_zero_exp', '0e1', '0e1'],
  ['y_number_int_with_exp', '20e1', '20e1'],
  ['y_number_capital_e', '1E22', '1E22'],
  ['y_number_capital_e_neg_exp', '1E-2', '1E-2'],
  ['y_number_capital_e_pos_exp', '1E+2', '1E+2'],
  ['y_number_fraction_exponent', '123.456e78', '123.456e78'],
  ['y_number_trailing_zero_kept', '1.50', '1.50'],
  ['y_number_close_to_zero', '-0.000000000000000000000000000000000000000001', '-0.000000000000000000000000000000000000000001'],
  ['y_number_huge_exp', '1.5e999', '1.5e999'],
  ['y_number_big_int_kept_exactly', '12345678901234567890123', '12345678901234567890123'],
  ['y_number_nested_kept_as_written', '[1.0, -0.50e+3]', '[1.0,-0.50e+3]'],
  ['y_object_basic', '{"asd":"sdf"}', '{"asd":"sdf"}'],
  ['y_object_empty', '{}', '{}'],
  ['y_object_empty_key', '{"":0}', '{"":0}'],
  ['y_object_duplicated_key', '{"a":"b","a":"c"}', '{"a":"b","a":"c"}'],
  ['y_object_with_newlines', '{\n"a": "b"\n}', '{"a":"b"}'],
  ['y_object_escaped_key', '{"\\u0061\\"b":1}', '{"a\\"b":1}'],
  ['y_string_empty', '""', ''],
  ['y_string_space', '" "', ' '],
  ['y_string_allowed_escapes', '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '"\\/\b\f\n\r\t'],
  ['y_string_u_escapes', '"\\u0060\\u012a\\u12AB"', '`Īካ'],
  ['y_string_surrogate_pair', '"\\uD801\\udc37"', '𐐷'],
  ['y_string_two_surrogate_pairs', '"\\ud83d\\ude39\\ud83d\\udc8d"', '😹💍'],
  ['y_string_last_surrogates', '"\\uDBFF\\uDFFF"', '\u{10FFFF}'],
  ['y_string_lone_high_surrogate_kept', '"\\uD800"', '\uD800'],
  ['y_string_lone_low_surrogate_kept', '"\\uDd1e\\uD834"', '\uDD1E\uD834'],
  ['y_string_escaped_noncharacter', '"\\uFFFF"', '\uFFFF'],
  ['y_string_escaped_control', '"\\u0012"', '\u0012'],
  ['y_string_escaped_backslash_u', '"\\\\u0000"', '\\u0000'],
  ['y_string_comments_are_text', '"a/*b*/c/*d//e"', 'a/*b*/c/*d//e'],
  ['y_string_raw_utf8', '"π €𝄞"', 'π €𝄞'],
  ['y_string_raw_del', '"a\u007fa"', 'a\u007fa'],
  ['y_string_raw_line_separators', '"\u2028\u2029"', '\u2028\u2029'],
  ['y_string_raw_noncharacter', '"\u{10FFFF}\u{1BFFF}"', '\u{10FFFF}\u{1BFFF}'],
  ['y_literal_true', 'true', 'true'],
  ['y_literal_false', 'false', 'false'],
  ['y_literal_null', 'null', null],
  ['y_whitespace_all_kinds', ' \t\r\n[ \t\r\n1 \t\r\n] \t\r\n', '[1]']
]

// [name, a document that must be refused]
const REFUSED: [string, string | Uint8Array][] = [
  ['n_array_1_true_without_comma', '[1 true]'],
  ['n_array_colon_instead_of_comma', '["": 1]'],
  ['n_array_comma_after_close', '[""],'],
  ['n_array_comma_and_number', '[,1]'],
  ['n_array_double_comma', '[1,,2]'],
  ['n_array_extra_close', '["x"]]'],
  ['n_array_extra_comma', '["",]'],
  ['n_array_incomplete', '["x"'],
  ['n_array_incomplete_invalid_value', '[x'],
  ['n_array_inner_array_no_comma', '[3[4]]'],
  ['n_array_items_separated_by_semicolon', '[1:2]'],
  ['n_array_just_comma', '[,]'],
  ['n_array_just_minus', '[-]'],
  ['n_array_star_inside', '[*]'],
  ['n_array_unclosed_trailing_comma', '[1,'],
  ['n_array_unclosed_with_object_inside', '[{}'],
  ['n_incomplete_false', '[fals]'],
  ['n_incomplete_null', '[nul]'],
  ['n_incomplete_true', '[tru]'],
  ['n_capitalized_true', '[True]'],
  ['n_number_plus_one', '[+1]'],
  ['n_number_minus_leading_zero', '[-01]'],
  ['n_number_leading_zero', '[012]'],
  ['n_number_double_leading_zero', '[00.0]'],
  ['n_number_two_dots', '[-1.0.]'],
  ['n_number_no_fraction_digits', '[-2.]'],
  ['n_number_dot_then_exp', '[0.e1]'],
  ['n_number_starting_with_dot', '[.123]'],
  ['n_number_minus_dot', '[-.123]'],
  ['n_number_exp_without_digits', '[0.3e]'],
  ['n_number_exp_sign_without_digits', '[1.0e+]'],
  ['n_number_double_exp', '[1eE2]'],
  ['n_number_exp_garbage', '[1ea]'],
  ['n_number_alpha', '[1.2a-3]'],
  ['n_number_hex', '[0x1]'],
  ['n_number_nan', '[NaN]'],
  ['n_number_minus_nan', '[-NaN]'],
  ['n_number_infinity', '[Infinity]'],
  ['n_number_minus_infinity', '[-Infinity]'],
  ['n_number_expression', '[1+2]'],
  ['n_number_space_inside', '[1 000.0]'],
  ['n_number_fullwidth_digit', '[１]'],
  ['n_object_bad_value', '["x", truth]'],
  ['n_object_bracket_key', '{[: "x"}'],
  ['n_object_comma_instead_of_colon', '{"x", null}'],
  ['n_object_double_colon', '{"x"::"b"}'],
  ['n_object_garbage_at_end', '{"a":"a" 123}'],
  ['n_object_missing_colon', '{"a" b}'],
  ['n_object_missing_key', '{:"b"}'],
  ['n_object_missing_value', '{"a":'],
  ['n_object_non_string_key', '{1:1}'],
  ['n_object_single_quotes', "{'a':0}"],
  ['n_object_trailing_comma', '{"id":0,}'],
  ['n_object_trailing_comment', '{"a":"b"}/**/'],
  ['n_object_comment_inside', '{"a":/*comment*/"b"}'],
  ['n_object_two_commas', '{"a":"b",,"c":"d"}'],
  ['n_object_unquoted_key', '{a: "b"}'],
  ['n_object_key_without_value', '{ "foo" : "bar", "a" }'],
  ['n_object_unterminated_value', '{"a":"a'],
  ['n_string_single_quotes', "['single quote']"],
  ['n_string_unescaped_newline', '["new\nline"]'],
  ['n_string_unescaped_tab', '["\t"]'],
  ['n_string_unescaped_nul', '["a\u0000a"]'],
  ['n_string_invalid_escape', '["\\a"]'],
  ['n_string_escape_x', '["\\x00"]'],
  ['n_string_escaped_tab_character', '["\\\t"]'],
  ['n_string_incomplete_escape', '["\\"]'],
  ['n_string_short_u_escape', '["\\u00A"]'],
  ['n_string_bad_u_escape', '["\\uqqqq"]'],
  ['n_string_surrogate_then_bare_u', '["\\uD800\\u"]'],
  ['n_string_backslash_at_end', '["\\\\\\"]'],
  ['n_string_unquoted_accented', '[é]'],
  ['n_string_trailing_garbage', '""x'],
  ['n_string_lone_quote', '"'],
  ['n_structure_empty', ''],
  ['n_structure_single_space', ' '],
  ['n_structure_double_array', '[][]'],
  ['n_structure_close_unopened', '1]'],
  ['n_structure_end_array', ']'],
  ['n_structure_extra_object_close', '{}}'],
  ['n_structure_trailing_hash', '{"a":"b"}#{}'],
  ['n_structure_angle_brackets', '<.>'],
  ['n_structure_formfeed_whitespace', '[\f]'],
  ['n_structure_nbsp_whitespace', '[\u00a01]'],
  ['n_structure_word_joiner', '[\u2060]'],
  ['n_structure_nul_outside_string', '[\u0000]'],
  ['n_structure_escaped_lf_outside_string', '[\\u000A""]'],
  ['n_structure_100000_opening_arrays', '['.repeat(100_000)],
  ['n_bytes_invalid_utf8_in_string', bytes('["', 0xe5, '"]')],
  ['n_bytes_lone_continuation', bytes('["', 0x81, '"]')],
  ['n_bytes_overlong', bytes('["', 0xc0, 0xaf, '"]')],
  ['n_bytes_utf8_surrogate', bytes('["', 0xed, 0xa0, 0x80, '"]')],
  ['n_bytes_above_max', bytes('["', 0xf4, 0x90, 0x80, 0x80, '"]')],
  ['n_bytes_truncated_at_end', bytes('["', 0xe2, 0x82)],
  ['n_bytes_incomplete_bom', bytes(0xef, 0xbb, '{}')]
]

describe('documents JSON accepts', () => {
  test.each(ACCEPTED)('%s parses whole, split character by character', (_name, value) => {
    expect(() => parseByCharacter(value)).not.toThrow()
  })

  test.each(ACCEPTED)('%s imports as a row value', async (_name, value, stored) => {
    for (const chunkBytes of [1, 1 << 20]) {
      const { error, sink } = await readJsonText(`[{"v": ${value}}]`, 'y.json', 'json', chunkBytes)
      expect(error).toBeNull()
      expect(sink.labels).toEqual(['v'])
      expect(sink.table).toEqual([[stored]])
    }
  })
})

describe('documents JSON refuses', () => {
  test.each(REFUSED.filter(([, input]) => typeof input === 'string'))('%s fails to parse', (_name, input) => {
    expect(() => parseByCharacter(input as string)).toThrow(JsonSyntaxError)
  })

  test.each(REFUSED)('%s fails the import, whole and as a row value, delivering no rows', async (_name, input) => {
    const asValue = typeof input === 'string' ? `[{"v": ${input}}]` : bytes('[{"v": ', ...input, '}]')
    for (const document of [input, asValue]) {
      for (const chunkBytes of [1, 1 << 20]) {
        const { error, sink } = await readJsonText(document, 'n.json', 'json', chunkBytes)
        expect(error).toBeInstanceOf(ImportInputError)
        expect((error as Error).message).toMatch(/^n\.json[ ,]/)
        expect(sink.table).toEqual([])
      }
    }
  })
})
