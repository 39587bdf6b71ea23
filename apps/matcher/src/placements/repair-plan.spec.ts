import { HiringState, PlacementFacts, planRepairs } from './repair-plan';

const placement = (id: string, status: PlacementFacts['status'], seekerId = `s-${id}`, openingId = 'o1'): PlacementFacts => ({
  id,
  status,
  seekerId,
  openingId,
  quotaClass: 'firstTime',
});

const state = (partial: Partial<HiringState>): HiringState => ({
  seats: [],
  commitments: [],
  hiresInProgress: [],
  placements: [],
  ...partial,
});

describe('planRepairs', () => {
  it('changes nothing when every holding stands for a live placement', () => {
    const plan = planRepairs(
      state({
        seats: [
          { openingId: 'o1', placementId: 'p1' },
          { openingId: 'o1', placementId: 'p2' },
        ],
        commitments: [{ seekerId: 's-p1', placementId: 'p1' }],
        placements: [placement('p1', 'hired'), placement('p2', 'returned')],
      }),
    );
    expect(plan).toEqual({ resume: [], release: [], undo: [], retakeSeats: [], retakeCommitments: [], doublyPlaced: [] });
  });

  it('frees the seat of a cancelled placement and the seeker of a cancelled or returned one', () => {
    const plan = planRepairs(
      state({
        seats: [
          { openingId: 'o1', placementId: 'p1' },
          { openingId: 'o1', placementId: 'p2' },
        ],
        commitments: [
          { seekerId: 's-p1', placementId: 'p1' },
          { seekerId: 's-p2', placementId: 'p2' },
        ],
        placements: [placement('p1', 'cancelled'), placement('p2', 'returned')],
      }),
    );
    expect(plan.release).toEqual([
      { placementId: 'p1', seats: [{ openingId: 'o1', placementId: 'p1' }], commitments: [{ seekerId: 's-p1', placementId: 'p1' }] },
      { placementId: 'p2', seats: [], commitments: [{ seekerId: 's-p2', placementId: 'p2' }] },
    ]);
    expect(plan.undo).toEqual([]);
  });

  it('resumes a hire in progress and never frees what it holds, however old', () => {
    const plan = planRepairs(
      state({
        seats: [{ openingId: 'o1', placementId: 'h1' }],
        commitments: [{ seekerId: 's-h1', placementId: 'h1' }],
        hiresInProgress: ['h1'],
      }),
    );
    expect(plan).toMatchObject({ resume: ['h1'], release: [], undo: [] });
  });

  it('undoes what an id holds with neither a placement nor a hire record', () => {
    const plan = planRepairs(
      state({ seats: [{ openingId: 'o2', placementId: 'x' }], commitments: [{ seekerId: 's-x', placementId: 'x' }] }),
    );
    expect(plan.undo).toEqual([
      { placementId: 'x', seats: [{ openingId: 'o2', placementId: 'x' }], commitments: [{ seekerId: 's-x', placementId: 'x' }] },
    ]);
  });

  it('gives live placements back a lost seat or seeker, and reports a seeker placed twice without choosing', () => {
    const plan = planRepairs(
      state({
        commitments: [{ seekerId: 'twice', placementId: 'p2' }],
        placements: [
          placement('p1', 'departed'),
          placement('p2', 'hired', 'twice'),
          placement('p3', 'hired', 'twice'),
          placement('p4', 'cancelled'),
        ],
      }),
    );
    expect(plan.retakeSeats.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(plan.retakeCommitments.map((p) => p.id)).toEqual(['p1']);
    expect(plan.doublyPlaced).toEqual(['twice']);
  });
});
