import { describe, expect, it } from 'vitest';
import {
  CONTROLLED_DRUGS,
  concentrationMgPerMl,
  findControlledDrug,
  findControlledDrugs,
  scheduleLabel,
} from '../../../../src/domain/prescribing/controlled-drugs';

function scheduleOf(name: string): string | undefined {
  return findControlledDrug(name)?.schedule;
}

describe('findControlledDrug', () => {
  it.each([
    ['Zomorph 10mg capsules', 'Morphine', '2'],
    ['MST Continus 15mg tablets', 'Morphine', '2'],
    ['OxyContin 20mg prolonged-release tablets', 'Oxycodone', '2'],
    ['Durogesic DTrans 25micrograms/hour patches', 'Fentanyl', '2'],
    ['Palexia SR 50mg', 'Tapentadol', '2'],
    ['Concerta XL 18mg', 'Methylphenidate', '2'],
    ['Elvanse 30mg capsules', 'Lisdexamfetamine', '2'],
    ['Dexamfetamine 5mg tablets', 'Dexamfetamine', '2'],
    ['Physeptone 1mg/ml oral solution', 'Methadone', '2'],
    ['Diamorphine 5mg powder for injection', 'Diamorphine', '2'],
    ['Zydol SR 100mg', 'Tramadol', '3'],
    ['Tramacet 37.5mg/325mg tablets', 'Tramadol', '3'],
    ['Lyrica 75mg capsules', 'Pregabalin', '3'],
    ['Neurontin 300mg', 'Gabapentin', '3'],
    ['Temazepam 10mg tablets', 'Temazepam', '3'],
    ['BuTrans 10micrograms/hour patches', 'Buprenorphine', '3'],
    ['Buccolam 10mg/2ml oromucosal solution', 'Midazolam', '3'],
    ['Phenobarbitone 30mg tablets', 'Phenobarbital', '3'],
    ['Zimovane 7.5mg', 'Zopiclone', '4'],
    ['Stilnoct 10mg', 'Zolpidem', '4'],
    ['Diazepam 2mg tablets', 'Diazepam', '4'],
    ['Testogel 16.2mg/g gel', 'Testosterone', '4'],
    ['Co-codamol 30mg/500mg tablets', 'Codeine', '5'],
    ['Codeine phosphate 30mg tablets', 'Codeine', '5'],
    ['DF118 Forte 40mg', 'Dihydrocodeine', '5'],
  ])('%s → %s, Schedule %s', (medicine, name, schedule) => {
    const match = findControlledDrug(medicine);
    expect(match?.drug.name).toBe(name);
    expect(match?.schedule).toBe(schedule);
  });

  it('matches whatever the case', () => {
    expect(scheduleOf('zomorph')).toBe('2');
    expect(scheduleOf('PREGABALIN')).toBe('3');
  });

  it('matches whole words only', () => {
    expect(findControlledDrug('Amstrad 5mg')).toBeNull();
    expect(findControlledDrug('Hydromorphone 1.3mg capsules')?.drug.name).not.toBe('Morphine');
    expect(findControlledDrug('Dexamethasone 2mg tablets')).toBeNull();
  });

  it('finds nothing for ordinary medicines', () => {
    expect(findControlledDrug('Amoxicillin 500mg capsules')).toBeNull();
    expect(findControlledDrug('Paracetamol 500mg tablets')).toBeNull();
    expect(findControlledDrug('')).toBeNull();
  });

  it('tells morphine 10mg/5ml oral solution (0.2%) as Schedule 5 from stronger morphine', () => {
    expect(scheduleOf('Morphine sulfate 10mg/5ml oral solution')).toBe('5');
    expect(scheduleOf('Oramorph 10mg/5ml oral solution')).toBe('5');
    expect(scheduleOf('Oramorph concentrated 100mg/5ml oral solution')).toBe('2');
    expect(scheduleOf('Morphine sulfate 20mg/1ml oral solution')).toBe('2');
    expect(scheduleOf('Morphine sulfate 10mg/1ml solution for injection')).toBe('2');
    expect(scheduleOf('Oramorph oral solution')).toBe('2');
    expect(findControlledDrug('Morphine sulfate 10mg/5ml oral solution')?.note).toContain('0.2%');
  });

  it('treats codeine for injection as Schedule 2', () => {
    expect(scheduleOf('Codeine phosphate 60mg/1ml solution for injection')).toBe('2');
  });

  it('takes the strictest when a name matches two', () => {
    expect(findControlledDrugs('Tramadol and codeine')).toHaveLength(2);
    expect(scheduleOf('Tramadol and codeine')).toBe('3');
  });

  it('names a source for every entry and no duplicate match terms', () => {
    const terms = CONTROLLED_DRUGS.flatMap((drug) => drug.matches);
    expect(new Set(terms).size).toBe(terms.length);
    for (const drug of CONTROLLED_DRUGS) expect(drug.source).toMatch(/Misuse of Drugs Regulations 2001/);
  });

  it('marks Schedule 4 with its part', () => {
    expect(findControlledDrug('Zopiclone 3.75mg')?.drug.schedule4Part).toBe(1);
    expect(findControlledDrug('Nebido 1000mg/4ml')?.drug.schedule4Part).toBe(2);
    expect(scheduleLabel('4', 1)).toBe('Schedule 4 Part 1');
    expect(scheduleLabel('2')).toBe('Schedule 2');
  });
});

describe('concentrationMgPerMl', () => {
  it.each([
    ['10mg/5ml', 2],
    ['10 mg / 5 mL', 2],
    ['20mg/ml', 20],
    ['100mg/5ml', 20],
    ['2.5mg/5ml', 0.5],
    ['10mg tablets', null],
  ])('%s → %s', (text, expected) => {
    expect(concentrationMgPerMl(text)).toBe(expected);
  });
});
