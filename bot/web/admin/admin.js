/*
 * The NLU admin console (served as /admin/admin.js, the page's entry module).
 *
 * Administrators look after what the bot understands: the intents and their example utterances (per
 * language), a test box against the live model or any trained version, training of new model versions with
 * k-fold cross-validation (progress live over server-sent events, then the metrics and a confusion heat map),
 * publishing a version behind a quality gate (or forcing it with a reason), rolling back, the inbox of
 * questions the bot did not understand, the audit log, and the console accounts (disable, enable, reset a password).
 *
 * Sign-in goes through the agent API (/api/agent/login, /me, /logout: an HttpOnly session cookie and a CSRF
 * token); everything else through /api/admin/, which answers only sessions with the role "admin". Every
 * POST/PUT/DELETE carries the CSRF token in the x-csrf-token header.
 *
 * Plain ES modules, no build step, no framework; runs under a strict CSP (no inline code or style attributes,
 * no eval). Server text is only ever put into the page with textContent; the heat map's colours are set
 * through the CSSOM (element.style), which the CSP allows. What the agent console does alike is shared in
 * ../common/ (served as /common/): console.css, util.js, api.js (calls to the APIs and the error list),
 * session.js (sign-in, sign-out, views) and events.js (the event stream). The modules of this folder:
 *   state.js        constants, labels, the page's elements (el), the shared state and its change notices
 *   util.js         DOM, number, time and label helpers, notices
 *   session.js      sign-in and sign-out of this page (what it forgets and opens), the denied view
 *   tabs.js         the tabs
 *   intentList.js   the intent list as read from the server
 *   intents.js      the intent table, the live model's summary, new intents
 *   editor.js       the utterance editor (utterances, description, answers, deleting an intent); a sentence
 *                   near-identical to another intent's example is flagged before it is saved
 *   bulk.js         many utterances pasted at once: checked line by line (new, duplicate, near-identical), then saved
 *   removal.js      deleting an utterance, with 「撤销」 for a few seconds
 *   search.js       the search across every intent's utterances (None included), training and test labelled
 *   testTab.js      the test box
 *   versionList.js  the version list as read from the server
 *   versions.js     the versions tab: publishing (also forced) and rolling back
 *   training.js     training, its progress, metrics and the confusion heat map
 *   confusionDetail.js the examples behind a clicked cell of the heat map (expected → predicted)
 *   advice.js       advice per intent (too few, too similar, often confused) with inbox sentences to add
 *   publishDialog.js the confirmation of a publish or rollback: what changes against the live version
 *   inbox.js        questions the bot did not understand
 *   corpusUpdates.js corpus files changed since the training data was seeded: a banner to import or dismiss them
 *   knowledgeData.js the knowledge base as read from the server (the draft's cards, versions, unanswered questions, laws)
 *   knowledge.js    the knowledge tab: cards by topic, the live version, publishing, rollback; wires the three below
 *   knowledgeEditor.js a knowledge card's editor (cited articles shown, the server's problems next to the fields)
 *   knowledgeTest.js the knowledge test box: which card answers a question, and why
 *   knowledgeUnanswered.js questions no card answered, grouped; a group becomes a card
 *   notices.js      the notices tab: counts by topic (pending, sending, sent, failed, skipped), recent failures
 *   audit.js        the audit log
 *   accounts.js     console accounts: disable, enable, reset a password
 *   events.js       live changes (server-sent events)
 *   admin.js        wiring and start (this file)
 * A module that changes what the page shows says so (changed(topic), state.js); the renderers subscribe to the
 * topics they show (../common/store.js), so no module calls another's renderer and the imports have no cycle.
 */
import { $ } from './util.js';
import { onLogout } from '../common/session.js';
import { startSession } from './session.js';
import { setTab } from './tabs.js';
import { onCreateIntent, renderIntents } from './intents.js';
import { onAddUtterance, onDeleteIntent, onSaveIntent, onSimilarCancel, onSimilarConfirm } from './editor.js';
import { onBulkCheck, onBulkInput, onBulkSave } from './bulk.js';
import { onUndo } from './removal.js';
import { onSearchInput, onSearchSubmit, runSearch } from './search.js';
import { closeConfusionDetail } from './confusionDetail.js';
import { refreshAdvice } from './advice.js';
import { closeConfirm, onConfirmSubmit } from './publishDialog.js';
import { onTest } from './testTab.js';
import { refreshVersions } from './versionList.js';
import { closeForce, onForce } from './versions.js';
import { onTrain } from './training.js';
import { refreshInbox } from './inbox.js';
import { refreshAudit } from './audit.js';
import './corpusUpdates.js';
import { wireKnowledge } from './knowledge.js';
import { wireNotices } from './notices.js';
import { closeReset, onReset, refreshAccounts } from './accounts.js';
import { changed, el, state, TABS } from './state.js';

// ---------------------------------------------------------------------------------------------- start

function wire() {
  el.deniedLogout.addEventListener('click', onLogout);
  TABS.forEach(function (t) {
    el['tab-' + t].addEventListener('click', function () { setTab(t); });
  });
  el.intentFilter.addEventListener('input', renderIntents);
  el.newIntentForm.addEventListener('submit', onCreateIntent);
  el.intentEditForm.addEventListener('submit', onSaveIntent);
  el.intentDelete.addEventListener('click', onDeleteIntent);
  el.utteranceForm.addEventListener('submit', onAddUtterance);
  el.similarConfirm.addEventListener('click', onSimilarConfirm);
  el.similarCancel.addEventListener('click', onSimilarCancel);
  el.bulkCheck.addEventListener('click', onBulkCheck);
  el.bulkSave.addEventListener('click', onBulkSave);
  el.bulkInput.addEventListener('input', onBulkInput);
  el.toastUndo.addEventListener('click', onUndo);
  el.searchForm.addEventListener('submit', onSearchSubmit);
  el.searchInput.addEventListener('input', onSearchInput);
  el.searchSplit.addEventListener('change', runSearch);
  el.searchLocale.addEventListener('change', runSearch);
  el.confusionDetailClose.addEventListener('click', closeConfusionDetail);
  el.adviceRefresh.addEventListener('click', refreshAdvice);
  el.publishForm.addEventListener('submit', onConfirmSubmit);
  el.publishCancel.addEventListener('click', closeConfirm);
  Array.prototype.forEach.call(el.localeChips, function (chip) {
    chip.addEventListener('click', function () {
      state.localeFilter = chip.getAttribute('data-locale-filter') || '';
      changed('editor');
    });
  });
  el.testForm.addEventListener('submit', onTest);
  el.trainForm.addEventListener('submit', onTrain);
  el.versionsRefresh.addEventListener('click', function () { refreshVersions(); });
  el.inboxRefresh.addEventListener('click', refreshInbox);
  el.auditRefresh.addEventListener('click', refreshAudit);
  el.accountsRefresh.addEventListener('click', refreshAccounts);
  el.resetForm.addEventListener('submit', onReset);
  el.resetCancel.addEventListener('click', closeReset);
  el.forceForm.addEventListener('submit', onForce);
  el.forceCancel.addEventListener('click', closeForce);
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !el.forceDialog.classList.contains('hidden')) closeForce();
    else if (event.key === 'Escape' && !el.publishDialog.classList.contains('hidden')) closeConfirm();
  });
}

function start() {
  // The login form, console-view, connection, logout and errors are found by startSession (../common/session.js).
  Object.assign(el, {
    deniedView: $('denied-view'), denied: $('denied'), deniedWho: $('denied-who'), deniedLogout: $('denied-logout'),
    liveVersion: $('live-version'), meName: $('admin-name'), meRole: $('admin-role'), notice: $('notice'),
    intentFilter: $('intent-filter'), intentsTotal: $('intents-total'), intentsBody: $('intents-body'), intentsEmpty: $('intents-empty'),
    newIntentForm: $('new-intent-form'), newName: $('new-intent-name'), newDescription: $('new-intent-description'),
    newDomain: $('new-intent-domain'), newAnswer: $('new-intent-answer'), newAnswerEn: $('new-intent-answer-en'),
    newCreate: $('new-intent-create'),
    utteranceEditor: $('utterance-editor'), editorEmpty: $('editor-empty'), editor: $('editor'), editorIntent: $('editor-intent'),
    editorFaq: $('editor-faq'), intentDelete: $('intent-delete'), intentEditForm: $('intent-edit-form'),
    editDescription: $('intent-edit-description'), editAnswersBlock: $('intent-edit-answers-block'),
    editAnswers: $('intent-edit-answers'), editAnswersEn: $('intent-edit-answers-en'), intentSave: $('intent-save'),
    utteranceTotal: $('utterance-total'), utteranceForm: $('utterance-form'), utteranceInput: $('utterance-input'),
    utteranceLocale: $('utterance-locale'), utteranceSplit: $('utterance-split'), utteranceAdd: $('utterance-add'),
    localeChips: document.querySelectorAll('[data-locale-filter]'), utterancesLoading: $('utterances-loading'),
    utterances: $('utterances'), utterancesEmpty: $('utterances-empty'),
    testForm: $('test-form'), testInput: $('test-input'), testVersion: $('test-version'), testRun: $('test-run'),
    testResult: $('test-result'), testText: $('test-text'), testIntent: $('test-intent'),
    testIntentDescription: $('test-intent-description'), testScore: $('test-score'), testScoreBar: $('test-score-bar'),
    testEntities: $('test-entities'), testAlternatives: $('test-alternatives'),
    trainForm: $('train-form'), trainFolds: $('train-folds'), train: $('train'),
    progress: $('train-progress'), progressFill: $('train-progress-fill'), progressText: $('train-progress-text'),
    metrics: $('metrics'), metricsVersion: $('metrics-version'), metricsNone: $('metrics-none'), metricsBody: $('metrics-body'),
    metricsAccuracy: $('metrics-accuracy'), metricsDelta: $('metrics-delta'), metricsLost: $('metrics-lost'),
    metricsRows: $('metrics-body-rows'), confusion: $('confusion'),
    versionsRefresh: $('versions-refresh'), versionsBody: $('versions-body'), versionsEmpty: $('versions-empty'),
    inboxRefresh: $('inbox-refresh'), inbox: $('inbox'), inboxEmpty: $('inbox-empty'), inboxCount: $('inbox-count'),
    auditRefresh: $('audit-refresh'), audit: $('audit'), auditEmpty: $('audit-empty'),
    accountsRefresh: $('accounts-refresh'), accounts: $('accounts'), accountsEmpty: $('accounts-empty'),
    resetCard: $('reset-card'), resetWho: $('reset-who'), resetForm: $('reset-form'), resetPassword: $('reset-password'),
    resetError: $('reset-error'), resetCancel: $('reset-cancel'), resetSubmit: $('reset-submit'),
    forceDialog: $('force-dialog'), forceForm: $('force-form'), forceText: $('force-text'), forceDetails: $('force-details'),
    forceReason: $('force-reason'), forceError: $('force-error'), forceCancel: $('force-cancel'), forcePublish: $('force-publish'),
    utteranceSplits: $('utterance-splits'), editorAdvice: $('editor-advice'),
    similarWarning: $('similar-warning'), similarText: $('similar-text'), similarList: $('similar-list'),
    similarConfirm: $('similar-confirm'), similarCancel: $('similar-cancel'),
    bulkInput: $('bulk-input'), bulkLocale: $('bulk-locale'), bulkSplit: $('bulk-split'), bulkCheck: $('bulk-check'),
    bulkSave: $('bulk-save'), bulkSummary: $('bulk-summary'), bulkLines: $('bulk-lines'),
    toast: $('toast'), toastText: $('toast-text'), toastUndo: $('toast-undo'),
    searchCard: $('search-card'), searchForm: $('search-form'), searchInput: $('search-input'), searchSplit: $('search-split'),
    searchLocale: $('search-locale'), searchSummary: $('search-summary'), searchResults: $('search-results'),
    confusionDetail: $('confusion-detail'), confusionDetailTitle: $('confusion-detail-title'),
    confusionDetailHint: $('confusion-detail-hint'), confusionExamples: $('confusion-examples'),
    confusionDetailClose: $('confusion-detail-close'),
    adviceRefresh: $('advice-refresh'), advice: $('advice'), adviceCount: $('advice-count'), adviceEmpty: $('advice-empty'),
    publishDialog: $('publish-dialog'), publishForm: $('publish-form'), publishTitle: $('publish-title'),
    publishText: $('publish-text'), publishAccuracy: $('publish-accuracy'), publishBody: $('publish-body'),
    publishError: $('publish-error'), publishCancel: $('publish-cancel'), publishConfirm: $('publish-confirm'),
  });
  TABS.forEach(function (t) {
    el['tab-' + t] = $('tab-' + t);
    el['panel-' + t] = $('panel-' + t);
  });
  wire();
  wireKnowledge($);
  wireNotices($);
  var hash = (window.location.hash || '').replace(/^#/, '');
  if (TABS.indexOf(hash) >= 0) state.tab = hash;
  setTab(state.tab);
  startSession();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
