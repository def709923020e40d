// Realistic signed consultations for the benchmark: the free texts a GP types in a ten-minute
// appointment (about 1.3 KB of JSON each), varied by a seeded random generator so that no two
// records are alike (compression and deduplication must not flatter any variant). Every record
// passes the app's own consultationSchema.
import { consultationSchema, type Consultation } from '../../../src/domain/consultation';
import { toLondonIso } from '../../../src/domain/time';

/** mulberry32: a small, fast, seeded generator (not for secrets). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPLAINTS = [
  'Cough and fever for five days',
  'Lower back pain since lifting boxes at work',
  'Sore throat and difficulty swallowing',
  'Burning on passing urine, going more often',
  'Itchy red rash on both forearms',
  'Headaches most mornings for three weeks',
  'Chest tightness when walking uphill',
  'Low mood and poor sleep since bereavement',
  'Painful swollen left knee after a fall',
  'Earache and reduced hearing on the right',
];

const HISTORIES = [
  'Started gradually, worse at night. Productive cough with green sputum, no haemoptysis. Mild shortness of breath on exertion. No chest pain. Eating and drinking well. Non-smoker. No recent travel. Has tried paracetamol with some relief.',
  'Sudden onset while lifting, pain in the lumbar region radiating to the left buttock but not below the knee. No saddle anaesthesia, no bladder or bowel change, no weakness. Able to walk. Has taken ibuprofen for two days.',
  'Three days of throat pain, now worse on swallowing. Temperature at home 38.2. No cough. Tonsils noticed to be swollen. No rash. Two children at home with colds. No difficulty breathing or drooling.',
  'Two days of dysuria and frequency, some suprapubic discomfort. No loin pain, no fever, no rigors. No vaginal discharge. Not pregnant. Last urine infection over a year ago, treated with nitrofurantoin.',
  'Rash for one week, started after gardening. Very itchy, worse at night. Not spreading beyond the arms. No new soaps or medicines. No fever. Has used an emollient without much benefit.',
  'Headaches on waking, frontal, pressing, eased by paracetamol. No visual disturbance, no vomiting, no weakness or numbness. Sleeping poorly. Works long hours at a screen. Caffeine four cups a day.',
];

const EXAMINATIONS = [
  'Alert, talking in full sentences. Chest: coarse crackles right base, no wheeze. Heart sounds normal. Calves soft, non-tender.',
  'Walks with a stiff gait. Tender left paraspinal muscles at L4 and L5. Straight leg raise 70 degrees both sides. Power, reflexes and sensation normal in both legs.',
  'Tonsils enlarged with exudate, tender anterior cervical nodes. No trismus, uvula central. Ears normal. Chest clear.',
  'Abdomen soft, mild suprapubic tenderness, no renal angle tenderness. Urine dipstick: leucocytes and nitrites positive, no blood.',
  'Erythematous papular rash on both forearms with excoriations, no vesicles, no signs of infection. Rest of skin normal.',
  'Fundi seen, no papilloedema. Cranial nerves intact. Neck supple. Blood pressure as recorded. Neurological examination normal.',
];

const ASSESSMENTS = [
  'Likely community-acquired pneumonia, CRB-65 score 0, suitable for treatment at home.',
  'Mechanical low back pain without red flags.',
  'Acute tonsillitis, FeverPAIN score 4.',
  'Uncomplicated lower urinary tract infection.',
  'Contact dermatitis, probably plant related.',
  'Tension-type headache, medication overuse to be avoided.',
];

const PLANS = [
  'Amoxicillin 500 mg three times a day for five days. Fluids, rest, paracetamol for fever. Chest X-ray in six weeks if not settled. Leaflet given on chest infections.',
  'Keep active, avoid bed rest. Regular ibuprofen with food for a week if no contraindication, paracetamol as well if needed. Self-referral details for physiotherapy given.',
  'Phenoxymethylpenicillin 500 mg four times a day for ten days. Salt water gargles and simple analgesia. Return if unable to swallow fluids.',
  'Nitrofurantoin 100 mg modified release twice a day for three days. Urine sent for culture. Increase fluid intake.',
  'Avoid the suspected plants, wear gloves. Emollient regularly and hydrocortisone 1% cream twice a day for seven days.',
  'Headache diary for four weeks. Reduce caffeine gradually. Regular breaks from the screen. Review blood pressure in two weeks.',
];

const SAFETY_NETTING = [
  'Seek urgent help (999) if breathless at rest, confused, or chest pain. Return if not improving in 48 hours.',
  'Call 999 if numbness around the back passage, loss of bladder or bowel control, or leg weakness.',
  'Go to A&E if unable to swallow saliva, difficulty breathing or a muffled voice.',
  'Call 111 or return the same day if fever, loin pain, vomiting or blood in the urine.',
  'Return if the rash spreads, blisters, weeps or if fever develops.',
  'Urgent review if sudden severe headache, weakness, vomiting or changes in vision.',
];

const MEDICINES = [
  'Ramipril 5 mg once daily; atorvastatin 20 mg at night',
  'Salbutamol 100 micrograms inhaler as needed; beclometasone 100 micrograms two puffs twice a day',
  'Sertraline 50 mg once daily',
  'Levothyroxine 75 micrograms once daily',
  'Metformin 500 mg twice daily with meals',
  '',
];

const ALLERGIES = ['No known drug allergies', 'Penicillin: rash', 'Codeine: vomiting', 'Latex: urticaria', 'No known drug allergies'];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function between(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

export interface ConsultationAuthor {
  staffId: string;
  deviceId: string;
}

/** One signed consultation; `index` varies the texts and the times, `marker` goes in the free text. */
export function sampleConsultation(random: () => number, author: ConsultationAuthor, index: number, marker: string, at: Date): Consultation {
  const happened = new Date(at.getTime() - between(random, 5, 40) * 60_000);
  const when = toLondonIso(happened);
  const recorded = toLondonIso(at);
  const signedAt = toLondonIso(new Date(at.getTime() + between(random, 1, 9) * 60_000));
  const medicines = pick(random, MEDICINES);
  return consultationSchema.parse({
    id: crypto.randomUUID(),
    createdAt: recorded,
    updatedAt: signedAt,
    authorId: author.staffId,
    deviceId: author.deviceId,
    status: 'signed',
    data: {
      patientId: crypto.randomUUID(),
      happenedAt: when,
      recordedAt: recorded,
      type: pick(random, ['face-to-face', 'telephone', 'video', 'home-visit'] as const),
      presentingComplaint: pick(random, COMPLAINTS),
      history: pick(random, HISTORIES),
      examination: pick(random, EXAMINATIONS),
      observations: {
        systolic: String(between(random, 95, 165)),
        diastolic: String(between(random, 55, 100)),
        pulse: String(between(random, 52, 118)),
        temperature: (between(random, 358, 392) / 10).toFixed(1),
        spo2: String(between(random, 92, 100)),
        respiratoryRate: String(between(random, 12, 24)),
        consciousness: 'alert',
      },
      allergies: pick(random, ALLERGIES),
      currentMedicines: medicines,
      currentMedicinesNotKnown: medicines === '' && random() < 0.5,
      assessment: pick(random, ASSESSMENTS),
      plan: pick(random, PLANS),
      safetyNetting: pick(random, SAFETY_NETTING),
      followUp: `Review in ${between(random, 2, 14)} days if not improving`,
      referrals: '',
      freeText: `${marker} ${index}: seen during the clinical system outage, record to be added to the GP record when it is back.`,
      signature: { at: signedAt, staffId: author.staffId, deviceId: author.deviceId },
    },
  });
}

/** `count` consultations over the last weeks, newest first; the same `seed` gives the same texts. */
export function sampleConsultations(count: number, author: ConsultationAuthor, marker: string, seed: number): Consultation[] {
  const random = generator(seed);
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => sampleConsultation(random, author, i, marker, new Date(now - i * 7 * 60_000)));
}

export { generator as seededRandom };
