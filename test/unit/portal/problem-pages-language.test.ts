import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { problemTypeList, sandboxLanguages } from '../../../catalog/sandbox-problems.ts';
import { en } from '../../../site/i18n/en.ts';
import { fr } from '../../../site/i18n/fr.ts';
import { toProblemExample } from '../../../site/lib/problem-examples.ts';
import { toProblemAdvice } from '../../../site/lib/problem-pages.ts';

const dictionaries = { fr: fr.problems, en: en.problems };

describe('the problem pages in each language of the portal', () => {
  test('take each type’s title and description in the page’s language, split into cause and remedy', () => {
    for (const problem of problemTypeList) {
      for (const language of sandboxLanguages) {
        const advice = toProblemAdvice(problem, language, dictionaries[language]);
        assert.ok(problem.description[language].startsWith(advice.cause), problem.slug);
        assert.ok(advice.remedy.length > 10, `${problem.slug} ${language}`);
      }
      assert.notEqual(problem.title.fr, problem.title.en, problem.slug);
      assert.notEqual(problem.description.fr, problem.description.en, problem.slug);
    }
  });

  test('split a French description after its first sentence, capitals with accents too', () => {
    const problem = {
      status: 400,
      description: { fr: 'Envoyé en HTTP/1.1. Écrivez mieux.', en: 'Sent. Write.' },
    };
    assert.deepEqual(toProblemAdvice(problem, 'fr', fr.problems), {
      cause: 'Envoyé en HTTP/1.1.',
      remedy: 'Écrivez mieux.',
    });
  });

  test('give the general remedy of a status from the dictionary of the page’s language', () => {
    const causeOnly = { status: 405, description: { fr: 'Pas ainsi.', en: 'Not so.' } };
    assert.equal(toProblemAdvice(causeOnly, 'fr', fr.problems).remedy, fr.problems.remedies[405]);
    assert.equal(toProblemAdvice(causeOnly, 'en', en.problems).remedy, en.problems.remedies[405]);
    const server = { status: 503, description: { fr: 'Absent.', en: 'Away.' } };
    assert.equal(toProblemAdvice(server, 'fr', fr.problems).remedy, fr.problems.remedyServer);
    assert.match(fr.problems.remedyServer, /Réessayez/);
  });

  test('show the example answer in the page’s language, members unchanged', () => {
    const quota = problemTypeList.find((problem) => problem.slug === 'quota-exceeded');
    assert.ok(quota);
    const french = toProblemExample(quota, 'fr', fr.problems);
    const english = toProblemExample(quota, 'en', en.problems);
    assert.equal(french.body.title, 'Quota dépassé');
    assert.equal(english.body.title, 'Quota exceeded');
    assert.match(String(french.body.detail), /Réessayez dans 17 s/);
    assert.equal(french.body.type, english.body.type);
    const withoutLanguage = (headers: [string, string][]): [string, string][] =>
      headers.filter(([name]) => name !== 'Content-Language');
    assert.deepEqual(withoutLanguage(french.headers), withoutLanguage(english.headers));
    assert.deepEqual(
      french.headers.find(([name]) => name === 'Content-Language'),
      ['Content-Language', 'fr'],
    );
  });
});
